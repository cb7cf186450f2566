import type { ReceiptDocument } from '../../../shared/domain/receipt';
import { BarcodeSvg } from './BarcodeSvg';
import { barcodeModules } from './barcode-pattern';

/** The receipt on screen, drawn from the same rows main prints, so paper and screen never disagree. */
export function ReceiptView({ document }: { document: ReceiptDocument }) {
  const modules = document.barcode ? barcodeModules(document.barcode) : null;
  return (
    <article className="receipt" aria-label={`${document.title} ${document.receiptNumber}`}>
      {document.copy === 'reprint' && <p className="receipt__copy">Copy</p>}
      {document.rows.map((row, i) => {
        switch (row.kind) {
          case 'rule':
            return <hr key={i} className="receipt__rule" />;
          case 'text':
            return (
              <p
                key={i}
                className={['receipt__text', row.emphasis && 'receipt__text--strong', row.align === 'center' && 'receipt__text--center']
                  .filter(Boolean)
                  .join(' ')}
              >
                {row.text}
              </p>
            );
          case 'pair':
            return (
              <div key={i} className={row.emphasis ? 'receipt__pair receipt__pair--strong' : 'receipt__pair'}>
                <span>{row.left}</span>
                <span>{row.right}</span>
                {row.detail && <span className="receipt__detail">{row.detail}</span>}
              </div>
            );
        }
      })}
      {document.barcode && (
        <figure className="receipt__barcode">
          {modules && <BarcodeSvg modules={modules} label={document.barcode} />}
          <figcaption>{document.barcode}</figcaption>
        </figure>
      )}
    </article>
  );
}
