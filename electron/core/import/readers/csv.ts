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

/** Decodes bytes to text and refuses a line longer than MAX_LINE_BYTES before it is buffered. */
class GuardedDecoder extends Transform {
  private decoder: TextDecoder;
  private run = 0; // bytes since the last newline
  private line = 1;
  bytesDone = 0;

  constructor(encoding: TextEncoding, private onBytes?: (n: number) => void) {
    super({ readableObjectMode: true });
    this.decoder = decoderFor(encoding);
  }

  _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    let from = 0;
    for (;;) {
      const nl = chunk.indexOf(10, from);
      if (nl < 0) break;
      if (this.run + nl - from > MAX_LINE_BYTES) return cb(this.tooLong());
      this.run = 0;
      this.line++;
      from = nl + 1;
    }
    this.run += chunk.length - from;
    if (this.run > MAX_LINE_BYTES) return cb(this.tooLong());
    this.bytesDone += chunk.length;
    this.onBytes?.(this.bytesDone);
    cb(null, this.decoder.decode(chunk, { stream: true }));
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

export async function openCsv(path: string, encoding: TextEncoding, size: number): Promise<RecordReader> {
  const head = await readHead(path);
  const sample = decoderFor(encoding).decode(head);
  if (sample.trim() === '') throw new FileError('文件为空');
  const delimiter = detectDelimiter(sample);
  const parsed = Papa.parse<string[]>(sample, { delimiter, preview: 50 }).data;
  let headerIdx = parsed.findIndex((r) => r.some((c) => c.trim() !== ''));
  if (headerIdx < 0) headerIdx = 0;
  const header = (parsed[headerIdx] ?? []).map((c) => c.trim());
  const headerRow = headerIdx + 1;

  return {
    header,
    headerRow,
    encoding,
    delimiter,
    bytesTotal: size,
    read(onRecord, onProgress) {
      return new Promise<void>((resolve, reject) => {
        const input = fs.createReadStream(path, { highWaterMark: 1 << 20 });
        const decoded = new GuardedDecoder(encoding, onProgress);
        let rowNo = 0;
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
                rowNo++;
                if (rowNo <= headerRow) continue;
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
