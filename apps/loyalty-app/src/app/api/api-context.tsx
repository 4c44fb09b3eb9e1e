import { createContext, useContext } from 'react';
import type { MemberApi } from './member-api.js';

export const ApiContext = createContext<MemberApi | null>(null);

export function useApi(): MemberApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi() outside <ApiContext>');
  return api;
}
