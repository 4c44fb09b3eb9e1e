import { useEffect, useState } from 'react';
import { receiptService } from './api.js';

/**
 * The time zone of each of the brand's stores named (`stores.timeZones`, one call for all), for
 * staff who read its customer profiles; a store the service does not know for the brand is left
 * out, and its times are shown in UTC, named as such.
 */
export function useStoreZones(
  tenantId: string,
  storeIds: readonly string[],
  allowed: boolean,
): ReadonlyMap<string, string> {
  const [zones, setZones] = useState<ReadonlyMap<string, string>>(new Map());
  const key = [...new Set(storeIds)].sort().join('\n');
  useEffect(() => {
    if (!allowed || key === '') return;
    let live = true;
    receiptService.stores.timeZones.query({ tenantId, storeIds: key.split('\n').slice(0, 200) }).then(
      (found) => {
        if (live) setZones(new Map(Object.entries(found)));
      },
      // Without zones the times stay in UTC, labelled: the timeline is still right.
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [tenantId, key, allowed]);
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
