// The period's book PDF off the event loop: book-pdf.ts in a worker thread (book-worker.ts) with a
// capped heap, so the API keeps answering other screens while a long book is laid out, and the
// book's memory stays bounded whatever the number of sheets.
import { Worker } from 'node:worker_threads';
import type { AssessResult } from '../../../shared/assessment.js';
import { findCjkFont, type CjkFont } from '../documents/font.js';
import type { BookPdfOptions } from './book-pdf.js';
import type { ReportHead, ReportMeta } from './layout.js';
import { awaitWorker, workerScript } from '../worker-thread.js';

export interface BookWorkerInput {
  result: AssessResult;
  head: ReportHead;
  meta: ReportMeta;
  font: CjkFont;
  /** what crosses to the worker is cloned: no functions */
  options: Omit<BookPdfOptions, 'surelyOnePage'>;
}

export type BookWorkerMessage = { kind: 'done'; bytes: Uint8Array } | { kind: 'error'; message: string };

/**
 * The worker's old generation, in MiB. Between parts only ≈ 50 MiB is live (code, the sheets, the
 * font's tables, the joined output), and a part's layout adds ≈ 12 MiB; but V8 lets garbage grow
 * to a multiple of what is live before it collects, so the same parts in the app's own heap
 * peaked at 450 MiB (whole medium book) and 543 MiB (4×). A cap makes V8 collect instead.
 */
export const BOOK_HEAP_MIB = 160;

/** The book from its worker. A book larger than the cap allows fails with a message, not the app. */
export function bookPdfOffThread(r: AssessResult, head: ReportHead, meta: ReportMeta, font: CjkFont = findCjkFont(), o: BookWorkerInput['options'] = {}): Promise<Buffer> {
  const input: BookWorkerInput = { result: r, head, meta, font, options: o };
  const w = new Worker(workerScript(import.meta.url, 'report-book-worker.cjs'), { workerData: input, resourceLimits: { maxOldGenerationSizeMb: BOOK_HEAP_MIB } });
  return awaitWorker(w, {
    onMessage: (m: BookWorkerMessage) => (m.kind === 'done' ? { value: Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength) } : new Error(m.message)),
    onError: (e) =>
      e.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? new Error(`考核表册 PDF 超出 ${BOOK_HEAP_MIB} MiB 内存上限，请按机构分批导出或导出 XLSX (the assessment book PDF ran out of its ${BOOK_HEAP_MIB} MiB heap: export it by org, or as XLSX)`)
        : e,
    exited: (code) => `考核表册线程意外退出（代码 ${code}） (the book worker exited with code ${code})`,
  });
}
