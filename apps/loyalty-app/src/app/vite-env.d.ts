/** The build-time settings the app reads (Vite replaces them in the bundle). */
interface ImportMetaEnv {
  readonly VITE_TENANT_ID?: string;
}
