// exceljs's streaming WorkbookReader, made to decode UTF-8 across chunk boundaries.
//
// exceljs 4.4.0 (and 4.4.1-prerelease.0) hands every chunk of a zip part to its sax parser through
// `bufferToString` (lib/utils/parse-sax.js), one shared TextDecoder called without `{stream: true}`.
// A character whose bytes straddle two chunks therefore becomes U+FFFD on both sides (exceljs issues
// 2063, 2084, 2316; PRs 1665, 2081, 2213 never merged). With Chinese text nearly every chunk boundary
// falls inside a character: 16 KiB inflater chunks for parts read from the zip, 64 KiB for a sheet
// exceljs parks in a temp file because it precedes sharedStrings.xml (as Excel's own files do).
//
// parse-sax passes strings through untouched, so the fix is to give it text instead of bytes: the
// sheet's chunk iterator goes through a streaming decoder, and the other parts' zip entries are put
// in string mode (Node's StringDecoder). These are the reader's internal hooks, not its public API;
// `assertHooks` makes an exceljs upgrade that renames them fail loudly (in tests/unit/import/
// xlsx-chinese.test.ts as well) instead of quietly bringing the corruption back.
import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';

type Chunks = AsyncIterable<Buffer | string>;

/** The WorkbookReader methods that receive a zip part, as exceljs 4.4 calls them from `parse()`. */
interface ReaderHooks {
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(chunks: Chunks, sheetNo: string): Generator<unknown>;
  _parseHyperlinks(chunks: Chunks, sheetNo: string): Generator<unknown>;
}

const Base = ExcelJS.stream.xlsx.WorkbookReader;
const base = Base.prototype as unknown as ReaderHooks;

function assertHooks(): void {
  const missing = (
    ['_parseRels', '_parseWorkbook', '_parseSharedStrings', '_parseStyles', '_parseWorksheet', '_parseHyperlinks'] as const
  ).filter((m) => typeof base[m] !== 'function');
  if (missing.length) {
    throw new Error(`exceljs 的 WorkbookReader 缺少 ${missing.join('、')}：升级后须重新核对 xlsx-utf8.ts 的 UTF-8 修补`);
  }
}
assertHooks();

/** Bytes → text, holding back the bytes of a character that the next chunk completes. */
export async function* utf8Text(chunks: Chunks): AsyncGenerator<string> {
  // not fatal: a truly invalid byte still becomes U+FFFD, which the row checks report per cell
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

function textMode(entry: Readable): Readable {
  // before exceljs attaches its 'data' listener, so no chunk is emitted as bytes
  entry.setEncoding('utf8');
  return entry;
}

export class Utf8WorkbookReader extends Base {
  _parseRels(entry: Readable) {
    return base._parseRels.call(this, textMode(entry));
  }
  _parseWorkbook(entry: Readable) {
    return base._parseWorkbook.call(this, textMode(entry));
  }
  _parseSharedStrings(entry: Readable) {
    return base._parseSharedStrings.call(this, textMode(entry));
  }
  _parseStyles(entry: Readable) {
    return base._parseStyles.call(this, textMode(entry));
  }
  _parseWorksheet(chunks: Chunks, sheetNo: string) {
    return base._parseWorksheet.call(this, utf8Text(chunks), sheetNo);
  }
  _parseHyperlinks(chunks: Chunks, sheetNo: string) {
    return base._parseHyperlinks.call(this, utf8Text(chunks), sheetNo);
  }
}
