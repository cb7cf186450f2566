import { useEffect, useState } from 'react';
import { useApi } from '../../bridge/use-api';

/** The store's currency from settings, for amounts typed before any sale or shift names one. */
export function useStoreCurrency(): string | null {
  const api = useApi();
  const [currency, setCurrency] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    api.settings.get().then(
      (view) => current && setCurrency(view.values.store.currency),
      () => current && setCurrency(null),
    );
    return () => {
      current = false;
    };
  }, [api]);
  return currency;
}
