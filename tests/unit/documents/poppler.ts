// Reading a PDF back with poppler-utils (pdftotext, pdffonts, pdfinfo), as a person's viewer would.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

function withFile<T>(pdf: Buffer, fn: (file: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-pdf-'));
  const file = path.join(dir, 'doc.pdf');
  fs.writeFileSync(file, pdf);
  try {
    return fn(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of one page (1-based) or of all, with every whitespace removed: pdftotext drops or
 *  adds spaces between Chinese characters and digits as the glyph positions suggest. */
export function pdfText(pdf: Buffer, page?: number): string {
  return withFile(pdf, (file) => {
    const range = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
    return execFileSync('pdftotext', [...range, file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  });
}

/** The lines of the page layout (pdftotext -layout), each without whitespace: a table row is one line. */
export function pdfLines(pdf: Buffer): string[] {
  return withFile(pdf, (file) =>
    execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
      .split('\n')
      .map((l) => l.replace(/\s+/g, ''))
      .filter(Boolean),
  );
}

export function pdfPages(pdf: Buffer): number {
  return withFile(pdf, (file) => {
    const m = /^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }));
    if (!m) throw new Error('pdfinfo printed no page count');
    return Number(m[1]);
  });
}

export interface PdfFont {
  name: string;
  type: string;
  embedded: boolean;
  subset: boolean;
}

/** pdffonts' table: name, type, encoding, emb, sub, uni, object ID. */
export function pdfFonts(pdf: Buffer): PdfFont[] {
  return withFile(pdf, (file) => {
    const lines = execFileSync('pdffonts', [file], { encoding: 'utf8' }).trim().split('\n').slice(2);
    return lines.map((l) => {
      const cols = l.trim().split(/\s+/);
      // the last six columns are fixed; the type may contain spaces ("CID Type 0C")
      const [emb, sub] = cols.slice(-5, -3);
      return { name: cols[0], type: cols.slice(1, -6).join(' '), embedded: emb === 'yes', subset: sub === 'yes' };
    });
  });
}
