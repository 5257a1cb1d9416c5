// pdfmake, set up once for the documents: the CJK font, no network, no file but the font.
//
// Why a patch: a font in a TrueType collection is described to pdfmake as [file, face]. Text
// works, but pdfmake hands that same array to SVG-to-PDFKit for the text of an SVG, which calls
// pdfkit's font(array); pdfkit cannot open an array, warns, and keeps whatever font was current.
// The charts' labels then came out in the right font only by luck of drawing order (and in
// Helvetica, i.e. without Chinese, when a chart is the first thing drawn on a page). The patch
// teaches pdfmake's own document class (not pdfkit's, so nothing else changes) to read [file,
// face] as font(file, face), which pdfkit caches under the face name: one embedded subset.
import { createRequire } from 'node:module';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { CjkFont } from './font.js';

const require = createRequire(import.meta.url);

interface PdfMake {
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
