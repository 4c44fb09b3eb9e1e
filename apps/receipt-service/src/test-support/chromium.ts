// Shared by every package's browser tests.
export { CHROMIUM, hasChromium, launchChromium } from '@scontrino/testing/chromium';
