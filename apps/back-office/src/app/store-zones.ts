import { useEffect, useState } from 'react';
import { receiptService } from './api.js';

/**
 * The time zone of each store named, from its profile (`stores.get`), for staff allowed to read
 * stores' profiles; stores that cannot be read are left out (their times are then shown in UTC,
 * named as such).
 */
export function useStoreZones(storeIds: readonly string[], allowed: boolean): ReadonlyMap<string, string> {
  const [zones, setZones] = useState<ReadonlyMap<string, string>>(new Map());
  const key = [...new Set(storeIds)].sort().join('\n');
  useEffect(() => {
    if (!allowed || key === '') return;
    let live = true;
    void Promise.all(
      key.split('\n').map(async (storeId) => {
        try {
          const store = await receiptService.stores.get.query({ storeId });
          return [storeId, store.timeZone] as const;
        } catch {
          return null;
        }
      }),
    ).then((found) => {
      if (live) setZones(new Map(found.filter((entry) => entry !== null)));
    });
    return () => {
      live = false;
    };
  }, [key, allowed]);
  return zones;
}

/** A UTC instant as the store's local date and time, its zone named (`22/11/2026, 11:15 CET`). */
export function storeTime(at: string | Date, timeZone: string | undefined, locale: 'it' | 'en'): string {
  return new Intl.DateTimeFormat(locale === 'it' ? 'it-IT' : 'en-GB', {
    // Field by field: `dateStyle`/`timeStyle` cannot be combined with `timeZoneName`.
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: timeZone ?? 'UTC',
    timeZoneName: 'short',
  }).format(new Date(at));
}
