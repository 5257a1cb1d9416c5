// The book's worker thread (book-thread.ts bookPdfOffThread): lays out and writes the period's book
// PDF under a capped heap, and hands the bytes back without a copy. Any failure is reported to the
// caller, never swallowed. (No top-level await: the Electron bundle of this file is CommonJS.)
import { parentPort, workerData } from 'node:worker_threads';
import { bookPdf } from './book-pdf.js';
import type { BookWorkerInput, BookWorkerMessage } from './book-thread.js';

const input = workerData as BookWorkerInput;
const post = (m: BookWorkerMessage, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(m, transfer);

bookPdf(input.result, input.head, input.meta, input.font, input.options).then(
  (bytes) => {
    // a Buffer may sit in Node's shared pool: copy into an ArrayBuffer of its own to transfer it
    const own = new Uint8Array(bytes.byteLength);
    own.set(bytes);
    post({ kind: 'done', bytes: own }, [own.buffer]);
  },
  (e: unknown) => post({ kind: 'error', message: e instanceof Error ? e.message : String(e) }),
);
