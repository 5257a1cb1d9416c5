// Recognising what a file is before reading it: its kind (delimited text, XLSX, GeoJSON),
// its text encoding and its delimiter, from the first bytes only.
import fs from 'node:fs/promises';
import Papa from 'papaparse';
import { TextDecoder } from 'node:util';

export type FileKind = 'text' | 'xlsx' | 'geojson';
export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'gb18030';

export const SNIFF_BYTES = 256 * 1024;

export class FileError extends Error {
  constructor(
    message: string,
    public readonly row: number | null = null,
  ) {
    super(message);
  }
}

/** A file that reads fine but matches no dataset: its header still helps a user map it by hand. */
export class UnrecognisedFileError extends FileError {
  constructor(
    message: string,
    row: number | null,
    public readonly header: string[],
    public readonly encoding: string,
    public readonly delimiter: string | undefined,
  ) {
    super(message, row);
  }
}

export async function readHead(path: string, bytes = SNIFF_BYTES): Promise<Buffer> {
  const fh = await fs.open(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** The kind comes from the bytes first (a zip is an XLSX whatever its name), then the name. */
export function detectKind(fileName: string, head: Buffer): FileKind {
  if (head.subarray(0, 4).equals(ZIP_MAGIC)) return 'xlsx';
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.xlsx') || lower.endsWith('.xlsm')) {
    throw new FileError('不是有效的 XLSX 文件（文件已损坏、不完整或并非 Excel 2007+ 格式）');
  }
  if (lower.endsWith('.xls')) throw new FileError('不支持旧版 .xls 格式，请在 Excel 中另存为 .xlsx 或 CSV');
  if (lower.endsWith('.geojson') || lower.endsWith('.json')) return 'geojson';
  const text = head.toString('latin1', 0, Math.min(head.length, 64)).trimStart();
  if (text.startsWith('{') && /"type"\s*:\s*"FeatureCollection"/.test(head.toString('utf8'))) return 'geojson';
  return 'text';
}

/**
 * A text file is binary when it holds NUL bytes or mostly control characters: decoding it would
 * only produce a wall of rejected rows, so the whole file is refused with one message instead.
 */
export function looksBinary(head: Buffer): boolean {
  if (head.length === 0) return false;
  let control = 0;
  for (let i = 0; i < head.length; i++) {
    const b = head[i];
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return control / head.length > 0.05;
}

/**
 * UTF-8 is tried strictly on the sample (less a possibly cut last character); anything that is
 * not valid UTF-8 is read as GB18030, the superset of GBK that Chinese exports use.
 */
export function detectEncoding(head: Buffer): TextEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8-bom';
  let end = head.length;
  // step back over a multi-byte sequence the sample may have cut in two
  for (let i = 1; i <= 3 && end - i >= 0; i++) {
    const b = head[end - i];
    if ((b & 0xc0) === 0xc0) {
      end -= i;
      break;
    }
    if ((b & 0x80) === 0) break;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, end));
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

export function decoderFor(encoding: TextEncoding): TextDecoder {
  // fatal: false — invalid bytes become U+FFFD and are reported per cell, not per file
  return new TextDecoder(encoding === 'gb18030' ? 'gb18030' : 'utf-8', { ignoreBOM: false, fatal: false });
}

const DELIMITERS = [',', '\t', '|', ';'];

/** The delimiter is the candidate that splits the header line into the most fields. */
export function detectDelimiter(firstLines: string): string {
  const header = firstLines.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  let best = ',';
  let bestCount = 0;
  for (const d of DELIMITERS) {
    const fields = Papa.parse<string[]>(header, { delimiter: d, preview: 1 }).data[0] ?? [];
    if (fields.length - 1 > bestCount) {
      best = d;
      bestCount = fields.length - 1;
    }
  }
  return best;
}

export function delimiterName(d: string): string {
  return d === '\t' ? 'tab' : d;
}
