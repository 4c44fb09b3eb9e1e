import { defineConfig } from 'vite';
import { DEFAULT_LOYALTY_URL, DEFAULT_TENANT_ID, loyaltyAppViteConfig } from './src/server/vite-config.js';

// `vite` (dev), `vite build` and `vite preview` from the command line; the stack launcher and the
// tests go through `startLoyaltyApp()` (src/server/serve.ts) with the same configuration.
export default defineConfig(
  loyaltyAppViteConfig({
    loyaltyUrl: process.env.LOYALTY_SERVICE_URL ?? DEFAULT_LOYALTY_URL,
    tenantId: process.env.VITE_TENANT_ID ?? DEFAULT_TENANT_ID,
  }),
);
