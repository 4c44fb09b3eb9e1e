import QRCode from 'qrcode';

/** `4000123412341234` → `4000 1234 1234 1234`: easier to read aloud at the till. */
export function groupCardNumber(number: string): string {
  return number.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}

/**
 * The card number as a QR code the till's scanner reads (the digits only, as the POS expects
 * them), drawn here from the number: no image is fetched, and none leaves the device.
 */
export async function cardQrImage(number: string): Promise<string> {
  const svg = await QRCode.toString(number.replace(/\s+/g, ''), {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: 2,
    color: { dark: '#000000', light: '#ffffff' },
  });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
