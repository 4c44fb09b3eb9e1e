import type { ReceiptBranding } from '../../receipt-view.js';

/** The store a claim page is about, as its header shows it. */
export interface PageStore {
  name: string;
  branding: Pick<ReceiptBranding, 'accentColor' | 'onAccentColor'>;
}

/**
 * The store's name on its accent colour: the header of the claim form and of every answer to it
 * (claimed, already claimed), so the customer sees which shop they are dealing with throughout.
 * No logo: these pages allow no image at all.
 */
export function StoreHeader({ store }: { store: PageStore }) {
  return (
    <header class="brand">
      <p>{store.name}</p>
    </header>
  );
}
