import { createContext, useContext } from 'react';
import type { NoposContract } from '../../../shared/ipc/contract';
import type { ClientApi } from '../../../shared/ipc/contract-kit';

export const ApiContext = createContext<ClientApi<NoposContract> | null>(null);

export function useApi(): ClientApi<NoposContract> {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi must be used inside <ApiContext.Provider>');
  return api;
}
