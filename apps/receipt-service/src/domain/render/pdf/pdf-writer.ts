import { palette } from '../palette.js';

const { light } = palette;
const AMOUNT_WIDTH = 130;
const BODY_SIZE = 10.5;

/**
 * The standard PDF fonts only know WinAnsi (Latin-1 plus a few signs such as € and •): spaces of
 * other widths become plain no-break spaces, a typographic minus a hyphen, anything else a "?",
 * rather than a wrong glyph.
 */
export function toWinAnsi(text: string): string {
  return text
    .replace(/[\u2007\u2009\u202f]/g, '\u00a0')
    .replace(/\u2212/g, '-')
    .replace(/[^\n\x20-\x7e\u00a0-\u00ff€•–—‘’“”…]/gu, '?');
}

/** Writes a receipt top to bottom on a pdfkit document, starting a new page when one is full. */
export class PdfWriter {
  private readonly left: number;
  private readonly width: number;

  constructor(private readonly doc: PDFKit.PDFDocument) {
    this.left = doc.page.margins.left;
    this.width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  }

  banner(text: string, background: string, color: string): void {
    const height = 44;
    this.doc.rect(this.left, this.doc.y, this.width, height).fill(background);
    this.doc
      .font('Helvetica-Bold')
      .fontSize(18)
      .fillColor(color)
      .text(toWinAnsi(text), this.left + 14, this.doc.y + 13, { width: this.width - 28, lineBreak: false });
    this.doc.x = this.left;
    this.doc.y += height - 5;
  }

  title(text: string): void {
    this.doc.font('Helvetica-Bold').fontSize(20).fillColor(light.ink).text(toWinAnsi(text), this.left);
  }

  heading(text: string): void {
    this.ensureSpace(40);
    this.gap();
    this.doc.font('Helvetica-Bold').fontSize(9).fillColor(light.muted);
    this.doc.text(toWinAnsi(text.toUpperCase()), this.left, this.doc.y, { characterSpacing: 0.6 });
    this.doc.moveDown(0.3);
  }

  text(text: string, style: { muted?: boolean; bold?: boolean } = {}): void {
    this.doc
      .font(style.bold ? 'Helvetica-Bold' : 'Helvetica')
      .fontSize(style.muted ? 9 : BODY_SIZE)
      .fillColor(style.muted ? light.muted : light.ink)
      .text(toWinAnsi(text), this.left, this.doc.y, { width: this.width });
  }

  link(url: string, color: string): void {
    this.doc.font('Helvetica').fontSize(9).fillColor(color);
    this.doc.text(toWinAnsi(url), this.left, this.doc.y, { width: this.width, link: url, underline: true });
  }

  /** A basket line: name and total on one row, its details in grey beneath the name. */
  item(name: string, total: string, details: string[]): void {
    this.ensureSpace(16 + details.length * 12);
    this.row(name, total, { bold: true });
    for (const detail of details) this.text(detail, { muted: true });
    this.doc.moveDown(0.35);
  }

  row(label: string, amount: string, style: { large?: boolean; muted?: boolean; bold?: boolean } = {}): void {
    const size = style.large ? 15 : style.muted ? 9 : BODY_SIZE;
    const font = style.large || style.bold ? 'Helvetica-Bold' : 'Helvetica';
    const labelWidth = this.width - AMOUNT_WIDTH;
    this.doc
      .font(font)
      .fontSize(size)
      .fillColor(style.muted ? light.muted : light.ink);
    this.ensureSpace(this.doc.heightOfString(toWinAnsi(label), { width: labelWidth }));
    const top = this.doc.y;
    this.doc.text(toWinAnsi(label), this.left, top, { width: labelWidth });
    const bottom = this.doc.y;
    this.doc.text(toWinAnsi(amount), this.left + labelWidth, top, { width: AMOUNT_WIDTH, align: 'right' });
    this.doc.x = this.left;
    this.doc.y = Math.max(bottom, this.doc.y) + 2;
  }

  /** Equal columns, the first flush left and the others flush right. */
  columns(cells: string[], style: { muted?: boolean } = {}): void {
    const width = this.width / cells.length;
    this.doc
      .font('Helvetica')
      .fontSize(style.muted ? 9 : BODY_SIZE)
      .fillColor(style.muted ? light.muted : light.ink);
    this.ensureSpace(16);
    const top = this.doc.y;
    cells.forEach((cell, i) => {
      this.doc.text(toWinAnsi(cell), this.left + i * width, top, {
        width,
        align: i === 0 ? 'left' : 'right',
      });
    });
    this.doc.x = this.left;
    this.doc.moveDown(0.2);
  }

  rule(): void {
    this.ensureSpace(12);
    const y = this.doc.y + 4;
    this.doc
      .moveTo(this.left, y)
      .lineTo(this.left + this.width, y)
      .lineWidth(0.5)
      .strokeColor(light.rule)
      .stroke();
    this.doc.y = y + 8;
  }

  gap(): void {
    this.doc.moveDown(0.8);
  }

  private ensureSpace(height: number): void {
    if (this.doc.y + height > this.doc.page.maxY()) this.doc.addPage();
  }
}
