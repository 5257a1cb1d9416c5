// What the core's worker threads share (indicators/job.ts, monitoring/runs.ts, report/book-thread.ts):
// finding the worker's script in the Electron bundle or under tsx, and waiting for its answer,
// settled once, whatever comes first: an answer, a thrown error or the thread's exit.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';

/**
 * The worker's script: in the Electron bundle, `bundled` beside main.cjs (scripts/build-electron.js
 * builds it; the caller, the module at `moduleUrl`, is listed there as its user); under tsx (CLI,
 * web mode, tests) the `worker-entry.js` beside that module, which registers tsx's loader first.
 */
export function workerScript(moduleUrl: string, bundled: string): URL {
  const inBundle = new URL(`./${bundled}`, moduleUrl);
  if (inBundle.protocol === 'file:' && fs.existsSync(fileURLToPath(inBundle))) return inBundle;
  return new URL('./worker-entry.js', moduleUrl);
}

export interface WorkerAnswer<M, T> {
  /** a message: its value to resolve with, an Error to reject with, or undefined (progress: wait on) */
  onMessage(m: M): { value: T } | Error | undefined;
  /** the thread's own failure (uncaught, out of memory) as the caller wants it said; default as is */
  onError?(e: Error & { code?: string }): Error;
  /** the sentence for a thread that exited without answering */
  exited(code: number): string;
}

/** Resolves or rejects once, with the first of: an answer, the thread's error, its exit. */
export function awaitWorker<M, T>(w: Worker, a: WorkerAnswer<M, T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const settle = (f: () => void) => {
      if (settled) return;
      settled = true;
      f();
    };
    w.on('message', (m: M) => {
      const r = a.onMessage(m);
      if (r instanceof Error) settle(() => reject(r));
      else if (r) settle(() => resolve(r.value));
    });
    w.on('error', (e: Error) => settle(() => reject(a.onError ? a.onError(e) : e)));
    w.on('exit', (code) => settle(() => reject(new Error(a.exited(code)))));
  });
}
