/** The tenant and the store an action touches, as staff scopes name them. */
export interface StoreScope {
  tenantId: string;
  storeId: string;
}

/**
 * Refuses, by throwing, an action on a store outside the caller's scope. A use case calls it once
 * it knows which store it touches; the api passes its staff scope check (`requireScope`).
 */
export type AllowStore = (scope: StoreScope) => void;
