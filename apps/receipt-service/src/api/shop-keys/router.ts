import { router } from '@scontrino/trpc';
import type { ShopKeys } from '../../store/shop-keys.js';
import { issueShopKeyProcedure } from './issue-shop-key.js';
import { listShopKeysProcedure } from './list-shop-keys.js';
import { revokeShopKeyProcedure } from './revoke-shop-key.js';
import { shopKeyRecordProcedure } from './shop-key-record.js';

export function createShopsRouter(keys: ShopKeys) {
  return router({
    issueKey: issueShopKeyProcedure(keys),
    revokeKey: revokeShopKeyProcedure(keys),
    listKeys: listShopKeysProcedure(keys),
    keyRecord: shopKeyRecordProcedure(keys),
  });
}
