const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Every string from data is escaped before it becomes markup. */
const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
import type { CustomerDisplayView } from './display-view';

/** The display's content as HTML, every string escaped: the same markup for the Electron window and the browser page. */
export function customerDisplayBody(view: CustomerDisplayView): string {
  const store = `<p class="store">${escapeHtml(view.storeName)}</p>`;
  if (view.phase === 'idle') return `${store}<p class="welcome">Welcome</p>`;
  if (view.phase === 'paid') {
    return (
      `${store}<dl class="sums"><dt>Total</dt><dd data-testid="display-total">${escapeHtml(view.total)}</dd>` +
      `<dt>Given</dt><dd>${escapeHtml(view.tendered)}</dd><dt>Change</dt><dd class="change" data-testid="display-change">${escapeHtml(view.change)}</dd></dl>` +
      `<p class="thanks">Thank you</p>`
    );
  }
  const lines = view.lines
    .map(
      (l) =>
        `<li><span class="name">${escapeHtml(l.name)}</span><span class="qty">${escapeHtml(l.quantity)}</span><span class="amount">${escapeHtml(l.amount)}</span></li>`,
    )
    .join('');
  return `${store}<ol class="lines" data-testid="display-lines">${lines}</ol><dl class="sums"><dt>Total</dt><dd data-testid="display-total">${escapeHtml(view.total)}</dd></dl>`;
}

export const CUSTOMER_DISPLAY_CSS = `
html, body { margin: 0; height: 100%; background: #0b1f33; color: #fff; font: 28px/1.35 system-ui, sans-serif; }
main { box-sizing: border-box; height: 100%; padding: 32px 48px; display: flex; flex-direction: column; gap: 16px; }
.store { margin: 0; font-size: 32px; font-weight: 700; color: #9cd2ff; }
.welcome, .thanks { margin: auto 0; text-align: center; font-size: 64px; font-weight: 700; }
.lines { list-style: none; margin: 0; padding: 0; flex: 1; overflow: hidden; }
.lines li { display: grid; grid-template-columns: 1fr auto 8em; gap: 16px; padding: 6px 0; border-bottom: 1px solid #284a6b; }
.amount, dd { text-align: right; font-variant-numeric: tabular-nums; }
.sums { display: grid; grid-template-columns: 1fr auto; margin: 0; font-size: 40px; font-weight: 700; }
.sums dd { margin: 0; }
.change { color: #7CFC9A; }
`;

/** A whole page for the Electron window: no script at all, nothing loaded from outside. */
export function customerDisplayPage(view: CustomerDisplayView): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Customer display</title><style>${CUSTOMER_DISPLAY_CSS}</style></head>
<body><main>${customerDisplayBody(view)}</main></body></html>`;
}
