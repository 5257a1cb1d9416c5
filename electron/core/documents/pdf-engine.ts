// pdfmake, set up once for the documents: the CJK font, no network, no file but the font.
//
// Why a patch: a font in a TrueType collection is described to pdfmake as [file, face]. Text
// works, but pdfmake hands that same array to SVG-to-PDFKit for the text of an SVG, which calls
// pdfkit's font(array); pdfkit cannot open an array, warns, and keeps whatever font was current.
// The charts' labels then came out in the right font only by luck of drawing order (and in
// Helvetica, i.e. without Chinese, when a chart is the first thing drawn on a page). The patch
// teaches pdfmake's own document class (not pdfkit's, so nothing else changes) to read [file,
// face] as font(file, face), which pdfkit caches under the face name: one embedded subset.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { CjkFont } from './font.js';

const require = createRequire(import.meta.url);

interface VirtualFs {
  existsSync(p: string): boolean;
  writeFileSync(p: string, b: Buffer): void;
  storage: Record<string, Buffer>;
}

interface PdfMake {
  virtualfs: VirtualFs;
  setFonts(fonts: Record<string, Record<string, string | [string, string]>>): void;
  setUrlAccessPolicy(cb: (url: string) => boolean): void;
  setLocalAccessPolicy(cb: (path: string) => boolean): void;
  createPdf(doc: TDocumentDefinitions): { getBuffer(): Promise<Buffer> };
}

type FontFn = (this: unknown, src: unknown, family?: unknown, size?: unknown) => unknown;

let patched = false;

function patchCollectionFonts(): void {
  if (patched) return;
  const proto = (require('pdfmake/js/PDFDocument.js') as { default: { prototype: { font: FontFn } } }).default.prototype;
  const original = proto.font;
  proto.font = function (src, family, size) {
    if (Array.isArray(src) && typeof src[0] === 'string' && typeof src[1] === 'string') return original.call(this, src[0], src[1], family ?? size);
    return original.call(this, src, family, size);
  };
  patched = true;
}

/** The family name documents use for every text, in the PDF and in the charts' SVG. */
export const CJK_FAMILY = 'CJK';

/**
 * Renders a document definition with the CJK font as its only font. pdfmake is a process-wide
 * singleton; the fonts and policies are set on each call, synchronously before it starts, so
 * concurrent documents with the same font never see another's setting.
 */
export async function renderPdf(doc: TDocumentDefinitions, font: CjkFont): Promise<Buffer> {
  patchCollectionFonts();
  const pdfmake = require('pdfmake') as PdfMake;
  const src: string | [string, string] = font.face ? [font.file, font.face] : font.file;
  // pdfmake writes resolved paths back into the descriptors: give it fresh ones each time
  pdfmake.setFonts({ [CJK_FAMILY]: { normal: src, bold: Array.isArray(src) ? [...src] : src } });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((p) => p === font.file);
  return pdfmake.createPdf({ ...doc, defaultStyle: { font: CJK_FAMILY, ...doc.defaultStyle } }).getBuffer();
}

let loans = 0;

/**
 * Runs `fn` with the font file read once into pdfmake's virtual file system, where pdfmake looks
 * before the disk. pdfkit otherwise reads the whole file for every document (19 MiB for Noto CJK),
 * and a document made of many parts (the period's book) piled those buffers up until a full GC.
 * The loan ends with the last borrower: a one-off export does not keep 19 MiB in the app for good.
 */
export async function withFontLoaned<T>(font: CjkFont, fn: () => Promise<T>): Promise<T> {
  const vfs = (require('pdfmake') as PdfMake).virtualfs;
  if (loans++ === 0 && !vfs.existsSync(font.file)) vfs.writeFileSync(font.file, fs.readFileSync(font.file));
  try {
    return await fn();
  } finally {
    // the store's key is the path without its leading slash (pdfmake's virtual-fs.js)
    if (--loans === 0) delete vfs.storage[font.file.replace(/^\//, '')];
  }
}

type Footer = (page: number, pages: number, size: unknown) => Content;

/**
 * How many pages `doc` lays out into, without drawing them: pdfmake asks for every page's footer
 * with the count once the layout is done, then draws only `maxPagesNumber` pages (one here; 0 means
 * "no limit" to pdfmake). The layout is most of a document's time (the medium book: 1.7 of 2.0 s,
 * one probe), so this is not free.
 */
export async function layoutPageCount(doc: TDocumentDefinitions, font: CjkFont): Promise<number> {
  let counted: number | null = null;
  const footer = (_page: number, pages: number) => {
    counted = pages;
    return '';
  };
  // maxPagesNumber is read by pdfmake's Printer but missing from its type definitions
  await renderPdf({ ...doc, footer, maxPagesNumber: 1 } as TDocumentDefinitions, font);
  if (counted === null) throw new Error('PDF page count: pdfmake asked for no footer (it no longer numbers pages this way)');
  return counted;
}

/** The document's footer, called with this page's number and the count: undefined when it has none. */
export function footerOf(doc: TDocumentDefinitions): Footer | undefined {
  return typeof doc.footer === 'function' ? (doc.footer as Footer) : undefined;
}
