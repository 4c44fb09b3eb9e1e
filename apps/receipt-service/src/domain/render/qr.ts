import QRCode from 'qrcode';

// Level M survives a crumpled or smudged paper slip (15 % of the code) and keeps a URL of about
// 60 characters at version 4, small enough for a till printer; 4 modules of quiet zone is what
// the QR specification asks for and what phone cameras rely on.
const qrOptions = { errorCorrectionLevel: 'M', margin: 4 } as const;

/** PNG of the claim QR, 300 px wide: big enough to print at 80 mm or to show on a screen. */
export function claimQrPng(url: string): Promise<Buffer> {
  return QRCode.toBuffer(url, { ...qrOptions, type: 'png', width: 300 });
}

/** SVG of the claim QR: scales to any print size without blurring. */
export function claimQrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { ...qrOptions, type: 'svg' });
}

/** SVG of a QR holding the transaction id, for the till to scan when the customer returns goods. */
export function transactionQrSvg(transactionId: string): Promise<string> {
  return QRCode.toString(transactionId, { ...qrOptions, type: 'svg' });
}
