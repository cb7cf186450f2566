import { forwardRef, memo, useCallback, useEffect, useState } from 'react';
import type { Product } from '../../../../shared/domain/catalog';
import { describeError } from '../../bridge/messages';
import { useApi } from '../../bridge/use-api';
import { useQuery } from '../../bridge/use-query';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Kbd } from '../../components/Kbd';
import { isGtinShaped, isValidGtin } from '../../../../shared/domain/gtin';
import { ProductTiles } from './ProductTiles';

const SEARCH_DEBOUNCE_MS = 120;

/** Find a product by name as you type (F2), or browse the tiles of a group; a tap or Enter adds it. */
// Memoised: a scan changes the sale, not the products, so the tiles need not render again.
export const ProductFinder = memo(
  forwardRef<HTMLInputElement, { onPick: (product: Product) => void }>(function ProductFinder({ onPick }, searchRef) {
    const api = useApi();
    const loadInfo = useCallback(() => api.catalog.info(), [api]);
    const info = useQuery(loadInfo);
    const [query, setQuery] = useState('');
    const [found, setFound] = useState<{ query: string; products: Product[] } | null>(null);
    const [group, setGroup] = useState<string | null>(null);
    const groups = info.status === 'ready' ? info.data.groups : [];
    const shownGroup = group ?? groups[0] ?? null;

    useEffect(() => {
      const text = query.trim();
      if (!text) return;
      let current = true;
      const timer = setTimeout(() => {
        api.catalog.search({ query: text, limit: 24 }).then(
          (products) => current && setFound({ query: text, products }),
          () => current && setFound({ query: text, products: [] }),
        );
      }, SEARCH_DEBOUNCE_MS);
      return () => {
        current = false;
        clearTimeout(timer);
      };
    }, [api, query]);
    // Results belong to the text they were found for; an emptied box shows the tiles again at once.
    const text = query.trim();
    const results = text ? (found?.products ?? []) : null;
    const fresh = found?.query === text;
    // A barcode keyed by hand follows the scan's rules: a wrong check digit is said, not searched.
    const badCheckDigit = isGtinShaped(text) && !isValidGtin(text);

    /** Enter adds the first match for what is in the box now, searching first if the answer is not in yet. */
    async function pickFirst() {
      if (!text || badCheckDigit) return;
      const first = fresh ? found.products[0] : (await api.catalog.search({ query: text, limit: 1 }).catch(() => []))[0];
      if (!first) return;
      onPick(first);
      setQuery('');
    }

    return (
      <section className="finder" aria-label="Products">
        <div className="finder__search">
          <label htmlFor="product-search" className="field__label">
            Search products <Kbd>F2</Kbd>
          </label>
          <input
            id="product-search"
            ref={searchRef}
            className="input"
            type="search"
            autoComplete="off"
            placeholder="Name or SKU"
            aria-keyshortcuts="F2"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && text) {
                e.preventDefault();
                void pickFirst();
              }
              if (e.key === 'Escape') setQuery('');
            }}
          />
        </div>
        {info.status === 'error' && (
          <ErrorNotice title="Could not load the catalog" message={describeError(info.error, 'sell')} onRetry={info.reload} />
        )}
        {results ? (
          <ProductTiles
            label={`Search results for ${text}`}
            products={badCheckDigit ? [] : results}
            onPick={(p) => (onPick(p), setQuery(''))}
            empty={
              badCheckDigit
                ? `${text} is not a valid barcode: its last digit does not check. Look at the digits again.`
                : 'No product matches.'
            }
          />
        ) : (
          <>
            {groups.length > 0 && (
              <div className="group-tabs" role="group" aria-label="Product groups">
                {groups.map((g) => (
                  <button key={g} type="button" className="group-tabs__item" aria-pressed={g === shownGroup} onClick={() => setGroup(g)}>
                    {g}
                  </button>
                ))}
              </div>
            )}
            {shownGroup && <GroupTiles key={shownGroup} group={shownGroup} onPick={onPick} />}
            {info.status === 'ready' && groups.length === 0 && (
              <p className="muted">The catalog is empty. An admin can load the demo catalog or import one.</p>
            )}
          </>
        )}
      </section>
    );
  }),
);

function GroupTiles({ group, onPick }: { group: string; onPick: (product: Product) => void }) {
  const api = useApi();
  const load = useCallback(() => api.catalog.browse({ group, limit: 100 }), [api, group]);
  const tiles = useQuery(load);
  if (tiles.status === 'error')
    return <ErrorNotice title={`Could not load ${group}`} message={describeError(tiles.error, 'sell')} onRetry={tiles.reload} />;
  return (
    <ProductTiles
      label={group}
      products={tiles.status === 'ready' ? tiles.data : []}
      onPick={onPick}
      empty={tiles.status === 'loading' ? 'Loading…' : 'No products in this group.'}
    />
  );
}
