// Delimited text, streamed: bytes → (line-length guard) → text decoder → papaparse, one chunk
// of rows at a time, so memory does not grow with the file.
import fs from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';
import Papa from 'papaparse';
import type { TextDecoder } from 'node:util';
import {
  FileError,
  decoderFor,
  detectDelimiter,
  readHead,
  type TextEncoding,
} from '../sniff.js';
import { MAX_LINE_BYTES, type RecordReader } from './types.js';

/**
 * Decodes bytes to text and refuses a line longer than MAX_LINE_BYTES before it is buffered. The
 * first `skipLines` physical lines (a profile's skipRows: titles above the header) are dropped as
 * bytes, before decoding: 0x0A is a newline in UTF-8 and GB18030 alike, never part of a character.
 */
class GuardedDecoder extends Transform {
  private decoder: TextDecoder;
  private run = 0; // bytes since the last newline
  private line = 1;
  bytesDone = 0;

  constructor(
    encoding: TextEncoding,
    private onBytes?: (n: number) => void,
    private skipLines = 0,
  ) {
    super({ readableObjectMode: true });
    this.decoder = decoderFor(encoding);
  }

  _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    let from = 0;
    let keepFrom = 0;
    for (;;) {
      const nl = chunk.indexOf(10, from);
      if (nl < 0) break;
      if (this.run + nl - from > MAX_LINE_BYTES) return cb(this.tooLong());
      this.run = 0;
      this.line++;
      from = nl + 1;
      if (this.skipLines > 0) {
        this.skipLines--;
        keepFrom = from;
      }
    }
    this.run += chunk.length - from;
    if (this.run > MAX_LINE_BYTES) return cb(this.tooLong());
    this.bytesDone += chunk.length;
    this.onBytes?.(this.bytesDone);
    if (this.skipLines > 0) return cb(); // still inside the skipped lines
    cb(null, this.decoder.decode(keepFrom ? chunk.subarray(keepFrom) : chunk, { stream: true }));
  }

  _flush(cb: TransformCallback): void {
    const rest = this.decoder.decode();
    cb(null, rest || undefined);
  }

  private tooLong(): FileError {
    return new FileError(
      `第 ${this.line} 行超过 ${MAX_LINE_BYTES / 1024 / 1024} MiB，不像是数据导出文件的一行（可能缺少换行符或文件已损坏）`,
      this.line,
    );
  }
}

/** How a profile says a delimited file is laid out; each field overrides detection. */
export interface CsvLayout {
  delimiter?: string;
  /** physical lines before the header row */
  skipRows?: number;
  /** no header row: every record after skipRows is data */
  noHeader?: boolean;
}

/** Drops the first n lines of a decoded sample, or null when it has fewer. */
function dropLines(text: string, n: number): string | null {
  let at = 0;
  for (let i = 0; i < n; i++) {
    const nl = text.indexOf('\n', at);
    if (nl < 0) return null;
    at = nl + 1;
  }
  return text.slice(at);
}

export async function openCsv(path: string, encoding: TextEncoding, size: number, layout: CsvLayout = {}): Promise<RecordReader> {
  const head = await readHead(path);
  const skip = layout.skipRows ?? 0;
  const whole = decoderFor(encoding).decode(head);
  if (whole.trim() === '') throw new FileError('文件为空');
  const sample = dropLines(whole, skip);
  if (sample === null || sample.trim() === '') throw new FileError(`跳过映射方案的 skipRows = ${skip} 行后，文件没有内容了`);
  const delimiter = layout.delimiter ?? detectDelimiter(sample);
  const parsed = Papa.parse<string[]>(sample, { delimiter, preview: 50 }).data;
  let headerIdx: number;
  if (layout.noHeader) headerIdx = -1;
  else if (layout.skipRows !== undefined) {
    // a declared layout is taken as written: the header is the very next line
    headerIdx = 0;
    if (!(parsed[0] ?? []).some((c) => c.trim() !== '')) {
      throw new FileError(`第 ${skip + 1} 行应为表头（映射方案 skipRows = ${skip}），但这一行为空`, skip + 1);
    }
  } else {
    headerIdx = parsed.findIndex((r) => r.some((c) => c.trim() !== ''));
    if (headerIdx < 0) headerIdx = 0;
  }
  const firstRecord = (parsed[Math.max(headerIdx, 0)] ?? []).map((c) => c.trim());
  const header = layout.noHeader ? [] : firstRecord;
  const headerRow = skip + headerIdx + 1; // = skip when there is no header row
  const dataFrom = headerIdx + 1; // records (after the skipped lines) before the first data row

  return {
    header,
    headerRow,
    firstRecord,
    encoding,
    delimiter,
    bytesTotal: size,
    read(onRecord, onProgress) {
      return new Promise<void>((resolve, reject) => {
        const input = fs.createReadStream(path, { highWaterMark: 1 << 20 });
        const decoded = new GuardedDecoder(encoding, onProgress, skip);
        let record = 0;
        let failed = false;
        const fail = (e: unknown) => {
          if (failed) return;
          failed = true;
          input.destroy();
          decoded.destroy();
          reject(e);
        };
        input.on('error', fail);
        decoded.on('error', fail);
        Papa.parse<string[]>(input.pipe(decoded), {
          delimiter,
          chunk(results, parser) {
            if (failed) return parser.abort();
            const quoteErrors = new Map<number, string>();
            for (const e of results.errors) {
              if (e.type === 'Quotes' && e.row !== undefined) quoteErrors.set(e.row, e.message);
            }
            const rows = results.data;
            try {
              for (let i = 0; i < rows.length; i++) {
                record++;
                if (record <= dataFrom) continue;
                const rowNo = skip + record;
                const cells = rows[i];
                if (quoteErrors.has(i)) {
                  // the rest of the file after an unclosed quote is one field: report where it starts
                  onRecord(QUOTE_ERROR_MARK(cells), rowNo);
                  continue;
                }
                if (cells.length === 1 && cells[0].trim() === '') continue; // blank line
                onRecord(cells, rowNo);
              }
            } catch (e) {
              parser.abort();
              fail(e);
            }
          },
          complete() {
            if (!failed) resolve();
          },
          error(e: Error) {
            fail(e);
          },
        });
      });
    },
  };
}

/** Marks a record whose quotes do not balance; the row pipeline rejects it with that reason. */
export const UNBALANCED_QUOTES = '\u0000unbalanced-quotes';
function QUOTE_ERROR_MARK(cells: string[]): string[] {
  const m = [UNBALANCED_QUOTES, ...cells];
  return m;
}
