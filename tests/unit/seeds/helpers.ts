// Test helpers written independently of seeds/: a small RFC 4180 reader and the GB 11643 rule.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateDemoBank } from '../../../seeds/index.js';
import type { SeedOptions, SeedResult } from '../../../seeds/index.js';

export async function seedTo(prefix: string, opts: Omit<SeedOptions, 'outDir'> = {}): Promise<SeedResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  try {
    return await generateDemoBank({ outDir: dir, ...opts });
  } catch (e) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

/** seeds write tens of MB: tests remove their folders when done */
export function removeSeed(...results: (SeedResult | undefined)[]): void {
  for (const r of results) if (r) fs.rmSync(r.outDir, { recursive: true, force: true });
}

/** rows of a delimited text, honouring quotes (with "" escapes and embedded newlines) */
export function parseDelimited(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === delimiter) {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** header → column accessor over parsed rows */
export function table(text: string, delimiter: string): { header: string[]; rows: string[][]; col: (name: string) => number } {
  const all = parseDelimited(text, delimiter);
  const header = all[0];
  return {
    header,
    rows: all.slice(1),
    col: (name) => {
      const i = header.indexOf(name);
      if (i < 0) throw new Error(`no column ${name} in ${header.join(',')}`);
      return i;
    },
  };
}

export function readUtf8(file: string): string {
  return fs.readFileSync(file, 'utf8');
}

export function readGbk(file: string): string {
  return new TextDecoder('gb18030').decode(fs.readFileSync(file));
}

/** GB 11643-1999: weights 2^(17-i) mod 11, check = (12 - sum mod 11) mod 11, 10 written as X */
export function gb11643Valid(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * (2 ** (17 - i) % 11);
  const check = (12 - (sum % 11)) % 11;
  return id[17] === (check === 10 ? 'X' : String(check));
}

/** 元 text (maybe with thousands separators) to integer 分 */
export function fen(text: string): number {
  const [whole, frac = ''] = text.replace(/,/g, '').split('.');
  return Number(whole) * 100 + Number((frac + '00').slice(0, 2));
}

export function fileOf(r: SeedResult, dataset: string): string {
  const f = r.files.find((p) => path.basename(p).startsWith(`${dataset}_`));
  if (!f) throw new Error(`no file for ${dataset}`);
  return f;
}
