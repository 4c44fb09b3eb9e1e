import jsqr from 'jsqr';
import { PNG } from 'pngjs';

// jsqr is a CommonJS bundle with an ES-style `default`: Vite hands over the function, Node and the
// NodeNext types the exports object. Either way we end up with the function.
const jsQR: typeof jsqr.default = typeof jsqr === 'function' ? jsqr : jsqr.default;

/** The text of the QR code in a PNG, as a phone camera would read it; null when none is found. */
export function decodeQrPng(png: Buffer): string | null {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data ?? null;
}
