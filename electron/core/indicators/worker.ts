// The materialisation worker (job.ts): its own connection to the database file (WAL: the API's
// readers keep reading while it writes), builds the pending (date, family) pairs and reports
// progress; asked to stop through a shared flag, it stops between pairs. Any failure is reported
// to the job, never swallowed.
import { parentPort, workerData } from 'node:worker_threads';
import { openDb } from '../db/connection.js';
import { buildPending, type WorkerInput, type WorkerMessage } from './job.js';

const input = workerData as WorkerInput;
const stop = new Int32Array(input.stop);
const post = (m: WorkerMessage) => parentPort!.postMessage(m);

try {
  const db = openDb(input.dbFile);
  try {
    const r = buildPending(db, (p) => post({ kind: 'progress', ...p }), () => Atomics.load(stop, 0) === 1);
    post({ kind: 'done', ...r });
  } finally {
    db.close();
  }
} catch (e) {
  post({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
}
