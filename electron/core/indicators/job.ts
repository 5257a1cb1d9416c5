// Background materialisation: after an import or undo (and at start-up) the (date, family) pairs
// not built yet are built in a worker thread on a connection of its own, so the API keeps
// answering (readers still build a missing pair on first read: see store.ts). The job takes its
// turn in the writers' queue (api/jobs.ts), so it never holds the write lock against an import;
// a writer arriving while it runs asks it to stop after the family in hand, and it queues itself
// again behind that writer.
import { EventEmitter } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { Db } from '../db/connection.js';
import { awaitWorker, workerScript } from '../worker-thread.js';
import { FAMILIES, FAMILY_IDS, type FamilyId } from './families/index.js';
import { buildFamily } from './store.js';
import { snapshotDates } from './snapshots.js';

export interface WorkItem {
  date: string;
  family: FamilyId;
}

export type JobState = 'idle' | 'running' | 'failed';

/** What GET /api/indicators/status answers. */
export interface IndicatorJobStatus {
  state: JobState;
  /** (date, family) pairs built by the current (or last) run, out of total */
  done: number;
  total: number;
  /** the pair being built; null when none */
  current: WorkItem | null;
  /** why the last run failed (state failed) */
  error: string | null;
}

export interface Progress {
  done: number;
  total: number;
  current: WorkItem | null;
}

const FIRST = '0000-01-01';
const LAST = '9999-12-31';

/**
 * Every (date, family) pair not built: the data dates are the deposit and loan snapshot dates; a
 * snapshot family is built only at its own snapshot dates, the daily families (customer, merchant,
 * card, signing, visit) at every data date. Latest date first: the home page and the dashboards
 * open on the latest date.
 */
export function pendingWork(db: Db): WorkItem[] {
  const snaps = { deposit: new Set(snapshotDates(db, 'deposit', FIRST, LAST)), loan: new Set(snapshotDates(db, 'loan', FIRST, LAST)) };
  const dates = [...new Set([...snaps.deposit, ...snaps.loan])].sort().reverse();
  const built = new Set(
    (db.prepare('SELECT data_date, family FROM ind_state').raw(true).all() as [string, string][]).map(([d, f]) => `${d} ${f}`),
  );
  const out: WorkItem[] = [];
  for (const date of dates) {
    for (const family of FAMILY_IDS) {
      const snap = FAMILIES[family].snapshot;
      if (snap !== null && !snaps[snap].has(date)) continue;
      if (!built.has(`${date} ${family}`)) out.push({ date, family });
    }
  }
  return out;
}

/**
 * Builds the pending pairs on this connection (the worker's body; also the bench's). Each pair is
 * its own transaction, so the lock is let go between them; a pair a reader built meanwhile is not
 * built twice. `stop()` is asked between pairs. Returns how many were built and whether it stopped early.
 */
export function buildPending(db: Db, onProgress: (p: Progress) => void = () => undefined, stop: () => boolean = () => false): { done: number; total: number; stopped: boolean } {
  const work = pendingWork(db);
  const total = work.length;
  const stillPending = db.prepare('SELECT 1 FROM ind_state WHERE data_date = ? AND family = ?');
  let done = 0;
  for (const item of work) {
    if (stop()) return { done, total, stopped: true };
    onProgress({ done, total, current: item });
    if (stillPending.get(item.date, item.family) === undefined) buildFamily(db, item.date, item.family);
    done++;
  }
  onProgress({ done, total, current: null });
  return { done, total, stopped: false };
}

/** Messages from worker.ts. */
export type WorkerMessage = ({ kind: 'progress' } & Progress) | { kind: 'done'; done: number; total: number; stopped: boolean } | { kind: 'error'; message: string };

export interface WorkerInput {
  dbFile: string;
  /** Int32Array over it: [0] = 1 asks the worker to stop after the pair in hand */
  stop: SharedArrayBuffer;
}

/** The writers' queue the job takes turns in (api/jobs.ts ImportJobs). */
export interface WritersQueue {
  exclusive<T>(work: () => Promise<T> | T): Promise<T>;
}

type RunOutcome = 'none' | 'done' | 'stopped' | 'failed';

/**
 * One per API instance (one database). Emits 'progress' (IndicatorJobStatus) on every change of
 * state and after each pair, so a test or a screen can follow it without polling.
 */
export class IndicatorJob extends EventEmitter {
  private state: IndicatorJobStatus = { state: 'idle', done: 0, total: 0, current: null, error: null };
  private readonly stopFlag = new Int32Array(new SharedArrayBuffer(4));
  /** a run is queued and has not started: a second request adds nothing */
  private queued = false;
  private running = false;
  /** shut down: nothing more is scheduled */
  private closed = false;

  constructor(
    private readonly db: Db,
    private readonly queue: WritersQueue,
  ) {
    super();
  }

  status(): IndicatorJobStatus {
    return structuredClone(this.state);
  }

  /** Queues a run behind the writers already waiting (after an import, an undo, at start-up). */
  schedule(): Promise<void> {
    if (this.queued || this.closed) return Promise.resolve();
    this.queued = true;
    return this.queue.exclusive(async () => {
      this.queued = false;
      if (this.closed) return;
      // queued again from inside the queue, so the queue's idle() sees it before this turn ends
      if ((await this.run()) === 'stopped') void this.schedule();
    });
  }

  /** A writer wants the queue: a running build stops after the pair in hand and comes back after it. */
  yieldToWriter(): void {
    if (this.running) Atomics.store(this.stopFlag, 0, 1);
  }

  /** Shutting down: a running build stops after the pair in hand (what is left is built at the next start). */
  close(): void {
    this.closed = true;
    this.yieldToWriter();
  }

  private set(s: Partial<IndicatorJobStatus>): void {
    this.state = { ...this.state, ...s };
    this.emit('progress', this.status());
  }

  /** Builds what is pending (the caller holds the queue's turn). Never rejects: a failure is the status. */
  private async run(): Promise<RunOutcome> {
    let pending: number;
    try {
      pending = pendingWork(this.db).length;
    } catch (e) {
      return this.fail(e);
    }
    if (pending === 0) {
      // nothing missing (readers may have built what a failed run left): no failure stands
      this.set({ state: 'idle', current: null, error: null });
      return 'none';
    }
    Atomics.store(this.stopFlag, 0, 0);
    this.running = true;
    this.set({ state: 'running', done: 0, total: pending, current: null, error: null });
    try {
      const r = this.db.memory ? await this.inProcess() : await this.inWorker();
      this.set({ state: 'idle', done: r.done, total: r.total, current: null });
      return r.stopped ? 'stopped' : 'done';
    } catch (e) {
      return this.fail(e);
    } finally {
      this.running = false;
    }
  }

  private fail(e: unknown): 'failed' {
    const error = e instanceof Error ? e.message : String(e);
    console.error('[indicators] materialisation failed', e);
    this.set({ state: 'failed', current: null, error });
    return 'failed';
  }

  private inWorker(): Promise<{ done: number; total: number; stopped: boolean }> {
    const input: WorkerInput = { dbFile: this.db.name, stop: this.stopFlag.buffer as SharedArrayBuffer };
    return awaitWorker(new Worker(workerScript(import.meta.url, 'indicators-worker.cjs'), { workerData: input }), {
      onMessage: (m: WorkerMessage) => {
        if (m.kind === 'progress') this.set({ done: m.done, total: m.total, current: m.current });
        else return m.kind === 'done' ? { value: m } : new Error(m.message);
        return undefined;
      },
      exited: (code) => `指标计算线程意外退出（代码 ${code}） (the materialisation worker exited with code ${code})`,
    });
  }

  /** An in-memory database (tests) cannot be opened by a second connection: build here, a pair per turn of the event loop. */
  private async inProcess(): Promise<{ done: number; total: number; stopped: boolean }> {
    const work = pendingWork(this.db);
    let done = 0;
    for (const item of work) {
      if (Atomics.load(this.stopFlag, 0) === 1) return { done, total: work.length, stopped: true };
      this.set({ done, total: work.length, current: item });
      buildFamily(this.db, item.date, item.family);
      done++;
      await new Promise((r) => setImmediate(r));
    }
    return { done, total: work.length, stopped: false };
  }
}
