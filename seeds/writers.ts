// File writers that behave like a bank's export jobs: delimited text in UTF-8 (with or without
// BOM) or GB18030, LF or CRLF, quoting only where needed, written in chunks so a file of
// millions of rows never exists as one string.

import fs from 'node:fs';
import iconv from 'iconv-lite';

export type Encoding = 'utf-8' | 'gb18030';

export interface DelimitedOptions {
  delimiter?: ',' | '|' | ';' | '\t';
  encoding?: Encoding;
  bom?: boolean;
  crlf?: boolean;
}

const CHUNK_CHARS = 1 << 20;

export class DelimitedWriter {
  private fd: number;
  private buf: string[] = [];
  private bufLen = 0;
  private readonly delimiter: string;
  private readonly eol: string;
  private readonly encoding: Encoding;
  rows = 0;

  constructor(
    readonly path: string,
    header: readonly string[],
    opts: DelimitedOptions = {},
  ) {
    this.delimiter = opts.delimiter ?? ',';
    this.eol = opts.crlf ? '\r\n' : '\n';
    this.encoding = opts.encoding ?? 'utf-8';
    this.fd = fs.openSync(path, 'w');
    if (opts.bom && this.encoding === 'utf-8') fs.writeSync(this.fd, Buffer.from([0xef, 0xbb, 0xbf]));
    this.pushLine(this.line(header));
  }

  private quote(v: string): string {
    if (v.includes(this.delimiter) || v.includes('"') || v.includes('\n') || v.includes('\r')) {
      return '"' + v.replace(/"/g, '""') + '"';
    }
    return v;
  }

  private line(values: readonly (string | number | null | undefined)[]): string {
    let s = '';
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (i > 0) s += this.delimiter;
      if (v !== null && v !== undefined) s += typeof v === 'number' ? String(v) : this.quote(v);
    }
    return s + this.eol;
  }

  private pushLine(s: string): void {
    this.buf.push(s);
    this.bufLen += s.length;
    if (this.bufLen >= CHUNK_CHARS) this.flush();
  }

  /** Values are written as given; strings are quoted when they hold the delimiter, a quote or a newline. */
  write(values: readonly (string | number | null | undefined)[]): void {
    this.rows++;
    this.pushLine(this.line(values));
  }

  private flush(): void {
    if (this.bufLen === 0) return;
    const s = this.buf.join('');
    const bytes = this.encoding === 'gb18030' ? iconv.encode(s, 'gb18030') : Buffer.from(s, 'utf8');
    fs.writeSync(this.fd, bytes);
    this.buf = [];
    this.bufLen = 0;
  }

  close(): void {
    this.flush();
    fs.closeSync(this.fd);
  }
}

/** 元 with two decimals from integer 分; `grouped` adds thousands separators like '1,234.56'. */
export function yuan(fen: number, grouped = false): string {
  const neg = fen < 0;
  const abs = Math.abs(Math.round(fen));
  const cents = abs % 100;
  let whole = String((abs - cents) / 100);
  if (grouped) whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (neg ? '-' : '') + whole + '.' + (cents < 10 ? '0' : '') + cents;
}

/**
 * exceljs zips through JSZip, which stamps every entry with the current time; overwriting the
 * DOS date and time in the local headers and the central directory makes the bytes repeatable.
 */
export function fixZipTimestamps(zip: Buffer, dosTime = 0, dosDate = (2024 - 1980) * 512 + 1 * 32 + 1): Buffer {
  const out = Buffer.from(zip);
  let eocd = -1;
  for (let i = out.length - 22; i >= 0; i--) {
    if (out.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip file');
  const entries = out.readUInt16LE(eocd + 10);
  let p = out.readUInt32LE(eocd + 16);
  for (let n = 0; n < entries; n++) {
    if (out.readUInt32LE(p) !== 0x02014b50) throw new Error('bad zip central directory');
    out.writeUInt16LE(dosTime, p + 12);
    out.writeUInt16LE(dosDate, p + 14);
    const local = out.readUInt32LE(p + 42);
    out.writeUInt16LE(dosTime, local + 10);
    out.writeUInt16LE(dosDate, local + 12);
    p += 46 + out.readUInt16LE(p + 28) + out.readUInt16LE(p + 30) + out.readUInt16LE(p + 32);
  }
  return out;
}
