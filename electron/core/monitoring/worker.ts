// The monitoring worker (runs.ts): its own connection to the database file (WAL: the API keeps
// reading while it writes), runs the rules month by month and stores their alerts, or back-tests
// one rule without storing; reports progress; asked to stop through a shared flag, it stops
// between months. Any failure is reported to the job, never swallowed.
import { parentPort, workerData } from 'node:worker_threads';
import { openDb } from '../db/connection.js';
import { backtest, runMonths, type MonitorWorkerInput, type MonitorWorkerMessage } from './runs.js';

const input = workerData as MonitorWorkerInput;
const stop = new Int32Array(input.stop);
const post = (m: MonitorWorkerMessage) => parentPort!.postMessage(m);

try {
  const db = openDb(input.dbFile);
  try {
    const t = input.task;
    if (t.kind === 'runs') {
      const r = runMonths(db, t.months, t.trigger, (p) => post({ kind: 'progress', ...p }), () => Atomics.load(stop, 0) === 1);
      post({ kind: 'runs', ...r });
    } else {
      post({ kind: 'backtest', result: backtest(db, t.req, t.scope) });
    }
  } finally {
    db.close();
  }
} catch (e) {
  post({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
}
