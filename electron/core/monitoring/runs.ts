// Runs of the rules after the data changed, and 回测 (issue 10 "Runs").
//
// After every import commit and undo the rules run again for the months the batch touched: from the
// first day its rows speak for (deposit and loan snapshots, 收单 transaction days; for deposits and
// loans from the month before, whose month-end cases are judged on the next month's first days) to
// the latest data day; for the datasets without a date of their own (customers, orgs, staff, cards, signings,
// merchants: whole files, dated only by the export) the latest data month. Datasets no rule reads
// (grids, visits, referrals, targets) touch nothing.
//
// The rules are synchronous SQL, so they run in a worker thread on a connection of their own (as
// the indicators do: indicators/job.ts), one month per run of the engine (engine.ts runAndStore),
// taking their turn in the writers' queue behind the indicators job, and stopping between months
// when a writer wants the queue (the rest is queued again behind it). A 回测 is a read: the same
// worker evaluates one rule with the parameters asked and stores nothing.
import { EventEmitter } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { Db } from '../db/connection.js';
import { awaitWorker, workerScript } from '../worker-thread.js';
import type { DatasetId } from '../../../shared/datasets.js';
import { addDays, monthEnd, monthStart } from '../../../shared/dates.js';
import type { BacktestResult, MonitorJobStatus, RuleId, RunTrigger } from '../../../shared/monitoring.js';
export type { BacktestResult, MonitorJobStatus, RunTrigger } from '../../../shared/monitoring.js';
import { dataDays } from '../indicators/index.js';
import { isWholeBank, type Scope } from '../scope/index.js';
import { UserInputError } from '../errors.js';
import { evaluate, monthsOf, runAndStore, runPeriod } from './engine.js';
import { ruleDef } from './rules/index.js';
import { paramProblem, ruleSetting } from './settings.js';


/** The first day a batch's rows speak for, per dataset the rules read by date. */
const FIRST_DAY_SQL: Partial<Record<DatasetId, string>> = {
  deposit: 'SELECT MIN(data_date) FROM deposit WHERE batch_id = ?',
  loan: 'SELECT MIN(data_date) FROM loan WHERE batch_id = ?',
  acq_txn: 'SELECT substr(MIN(txn_time), 1, 10) FROM acq_txn WHERE batch_id = ?',
};
/** Read by the rules as whole files, without a date: the latest data month. */
const UNDATED_READ: ReadonlySet<DatasetId> = new Set(['org', 'staff', 'customer', 'card', 'signing', 'merchant']);

/**
 * What a batch touched for the rules: a first day (`{from: day}`), the latest data month
 * (`{from: null}`), or nothing (null: a dataset no rule reads, or a batch with no rows). Call it
 * while the batch's rows are there (before an undo deletes them).
 */
export function batchReach(db: Db, batchId: number): { from: string | null } | null {
  const b = db.prepare('SELECT dataset FROM import_batch WHERE batch_id = ?').get(batchId) as { dataset: DatasetId } | undefined;
  if (!b) return null;
  const sql = FIRST_DAY_SQL[b.dataset];
  if (sql) {
    const day = db.prepare(sql).pluck().get(batchId) as string | null;
    if (!day) return null;
    // A month's deposit and loan cases are judged on the first days of the next month too (window
    // dressing gone within leave_days ≤ 15, a period-end loan repaid within repay_days ≤ 31): the
    // month before the first day is run again, so a case raised while the next month was not
    // loaded yet (待核实, departure unseen) is confirmed by the new rows or dropped.
    return { from: b.dataset === 'acq_txn' ? day : monthStart(addDays(monthStart(day), -1)) };
  }
  return UNDATED_READ.has(b.dataset) ? { from: null } : null;
}

/** The latest day holding data (deposit or loan snapshot, 收单, 走访), or null for an empty bank. */
export function latestDataDay(db: Db): string | null {
  const days = dataDays(db);
  return days.length ? days[days.length - 1].date : null;
}

/** One month of a run: its first day to its last (or the range's end). */
export interface MonthRun {
  month: string;
  from: string;
  to: string;
}

/** The months from `from` to `to`, each cut to the range. */
export function monthRuns(from: string, to: string): MonthRun[] {
  return monthsOf({ from: monthStart(from), to }).map((m) => {
    const first = `${m}-01`;
    const last = monthEnd(first);
    return { month: m, from: first, to: last < to ? last : to };
  });
}

export interface RunProgress {
  done: number;
  total: number;
  /** the month being run */
  current: string | null;
}

/**
 * Runs and stores the months one after another (the worker's body; in process for an in-memory
 * database). `stop()` is asked between months. Returns the alerts found per month run.
 */
export function runMonths(
  db: Db,
  months: readonly MonthRun[],
  trigger: RunTrigger,
  onProgress: (p: RunProgress) => void = () => undefined,
  stop: () => boolean = () => false,
): { done: number; alerts: number; stopped: boolean } {
  let done = 0;
  let alerts = 0;
  for (const m of months) {
    if (stop()) return { done, alerts, stopped: true };
    onProgress({ done, total: months.length, current: m.month });
    alerts += runAndStore(db, m.from, m.to, trigger).findings.length;
    done++;
  }
  onProgress({ done, total: months.length, current: null });
  return { done, alerts, stopped: false };
}

// ── 回测 ──────────────────────────────────────────────────────────────────────────────────────

export interface BacktestRequest {
  rule: string;
  from: string;
  to: string;
  params?: Record<string, unknown>;
}

/** What a rule would raise over a range with the parameters given: counts per org, nothing stored. */

/** The request checked (a bad rule, date or parameter is a UserInputError naming it). */
export function checkBacktest(db: Db, req: BacktestRequest): { rule: RuleId; from: string; to: string; params: Record<string, number> } {
  const def = ruleDef(req.rule as RuleId);
  if (!def) throw new UserInputError(`没有规则 ${req.rule} (no such rule)`, 'no_rule');
  const period = runPeriod(req.from, req.to);
  const problems: string[] = [];
  const given: Record<string, number> = {};
  for (const [k, v] of Object.entries(req.params ?? {})) {
    const why = paramProblem(def, k, v);
    if (why) problems.push(why);
    else given[k] = v as number;
  }
  if (problems.length) throw new UserInputError(problems.join('；'), 'bad_param');
  return { rule: def.id, from: period.from, to: period.to, params: { ...ruleSetting(db, def).params, ...given } };
}

/** Evaluates the rule (no storing) and counts its findings per org (the caller's scope only). */
export function backtest(db: Db, req: { rule: RuleId; from: string; to: string; params: Record<string, number> }, scope: Scope): BacktestResult {
  const t0 = performance.now();
  const r = evaluate(db, { from: req.from, to: req.to }, { rules: [req.rule], params: { [req.rule]: req.params } });
  const counts = new Map<string | null, number>();
  // one alert per rule, subject and period, as a run would store them
  const seen = new Set<string>();
  for (const f of r.findings) {
    if (!inScope(scope, f.org_id, f.staff_id)) continue;
    const k = `${f.subject.type}\u0001${f.subject.id}\u0001${f.period}`;
    if (seen.has(k)) continue;
    seen.add(k);
    counts.set(f.org_id, (counts.get(f.org_id) ?? 0) + 1);
  }
  const names = new Map((db.prepare('SELECT org_id, name FROM org').all() as { org_id: string; name: string }[]).map((o) => [o.org_id, o.name]));
  const byOrg = [...counts.entries()]
    .map(([org, count]) => ({ org, name: org === null ? null : (names.get(org) ?? null), count }))
    .sort((a, b) => b.count - a.count || String(a.org).localeCompare(String(b.org)));
  return { ...req, total: seen.size, byOrg, ms: Math.round(performance.now() - t0) };
}

/** The alerts' own scope rule (alerts.ts): the org inside the scope's orgs, the staff member for a 客户经理. */
function inScope(scope: Scope, org: string | null, staff: string | null): boolean {
  if (isWholeBank(scope)) return true;
  if (scope.orgIds !== null && (org === null || !scope.orgIds.includes(org))) return false;
  if (scope.managerId !== null && staff !== scope.managerId) return false;
  return true;
}

// ── the worker ───────────────────────────────────────────────────────────────────────────────

export type MonitorTask =
  | { kind: 'runs'; months: MonthRun[]; trigger: RunTrigger }
  | { kind: 'backtest'; req: { rule: RuleId; from: string; to: string; params: Record<string, number> }; scope: Scope };

export interface MonitorWorkerInput {
  dbFile: string;
  task: MonitorTask;
  /** Int32Array over it: [0] = 1 asks a run to stop after the month in hand */
  stop: SharedArrayBuffer;
}

export type MonitorWorkerMessage =
  | ({ kind: 'progress' } & RunProgress)
  | { kind: 'runs'; done: number; alerts: number; stopped: boolean }
  | { kind: 'backtest'; result: BacktestResult }
  | { kind: 'error'; message: string };

/** Runs a task in a worker thread, passing its progress on; resolves with its last message. */
function inWorker(db: Db, task: MonitorTask, stop: Int32Array, onProgress: (p: RunProgress) => void): Promise<MonitorWorkerMessage> {
  const input: MonitorWorkerInput = { dbFile: db.name, task, stop: stop.buffer as SharedArrayBuffer };
  return awaitWorker(new Worker(workerScript(import.meta.url, 'monitoring-worker.cjs'), { workerData: input }), {
    onMessage: (m: MonitorWorkerMessage) => {
      if (m.kind === 'progress') onProgress(m);
      else return m.kind === 'error' ? new Error(m.message) : { value: m };
      return undefined;
    },
    exited: (code) => `监测线程意外退出（代码 ${code}） (the monitoring worker exited with code ${code})`,
  });
}

/** Back-tests off the event loop (in process for an in-memory database, which a worker cannot open). */
export async function backtestOffThread(db: Db, req: BacktestRequest, scope: Scope): Promise<BacktestResult> {
  const checked = checkBacktest(db, req);
  if (db.memory) return backtest(db, checked, scope);
  const m = await inWorker(db, { kind: 'backtest', req: checked, scope }, new Int32Array(new SharedArrayBuffer(4)), () => undefined);
  if (m.kind !== 'backtest') throw new Error(`unexpected worker answer ${m.kind}`);
  return m.result;
}

// ── the job ──────────────────────────────────────────────────────────────────────────────────


/** The writers' queue the job takes turns in (api/jobs.ts ImportJobs). */
export interface WritersQueue {
  exclusive<T>(work: () => Promise<T> | T): Promise<T>;
}

interface Pending {
  from: string | null;
  /** null: up to the latest data day at run time */
  to: string | null;
  trigger: RunTrigger;
}

/** Two requests as one: the earliest start, the latest end (null: the latest data day wins). */
function merge(a: Pending | null, b: Pending): Pending {
  if (!a) return b;
  const from = a.from === null ? b.from : b.from === null ? a.from : a.from < b.from ? a.from : b.from;
  // an undated request (latest month) inside a dated one adds nothing; alone it stays null
  const to = a.to === null || b.to === null ? null : a.to > b.to ? a.to : b.to;
  return { from: a.from === null && b.from === null ? null : from, to, trigger: a.trigger === 'manual' ? b.trigger : a.trigger };
}

/**
 * One per API instance. Requests (after an import, an undo, or a user's 运行) are merged into one
 * pending range and run in the writers' queue; emits 'progress' with the status on every change.
 */
export class MonitorJob extends EventEmitter {
  private state: MonitorJobStatus = { state: 'idle', done: 0, total: 0, current: null, pending: null, last: null, error: null };
  private readonly stopFlag = new Int32Array(new SharedArrayBuffer(4));
  private pending: Pending | null = null;
  private queued = false;
  private running = false;
  private closed = false;

  constructor(
    private readonly db: Db,
    private readonly queue: WritersQueue,
  ) {
    super();
  }

  status(): MonitorJobStatus {
    return structuredClone(this.state);
  }

  /** After a batch was committed or undone: `reach` from batchReach (read while its rows were there). */
  afterWrite(reach: { from: string | null } | null, trigger: 'import' | 'undo'): Promise<void> {
    if (!reach) return Promise.resolve();
    return this.request({ from: reach.from, to: null, trigger });
  }

  /** A run over the range (whole months), queued behind the writers waiting. */
  request(p: Pending): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.pending = merge(this.pending, p);
    this.set({ pending: { from: this.pending.from, to: this.pending.to }, state: this.running ? 'running' : 'waiting' });
    return this.schedule();
  }

  /** A writer wants the queue: a running run stops after the month in hand and comes back after it. */
  yieldToWriter(): void {
    if (this.running) Atomics.store(this.stopFlag, 0, 1);
  }

  close(): void {
    this.closed = true;
    this.yieldToWriter();
  }

  private schedule(): Promise<void> {
    if (this.queued || this.closed) return Promise.resolve();
    this.queued = true;
    return this.queue.exclusive(async () => {
      this.queued = false;
      if (this.closed) return;
      await this.run();
      if (this.pending) void this.schedule();
    });
  }

  private set(s: Partial<MonitorJobStatus>): void {
    this.state = { ...this.state, ...s };
    this.emit('progress', this.status());
  }

  /** Runs what is pending (the caller holds the queue's turn). Never rejects: a failure is the status. */
  private async run(): Promise<void> {
    const p = this.pending;
    if (!p) return;
    this.pending = null;
    let months: MonthRun[];
    try {
      const latest = latestDataDay(this.db);
      const to = p.to ?? latest;
      const from = p.from ?? (latest === null ? null : monthStart(latest));
      if (to === null || from === null || from > to) {
        this.set({ state: 'idle', pending: null, current: null, error: null });
        return;
      }
      months = monthRuns(from, to);
    } catch (e) {
      this.fail(e);
      return;
    }
    Atomics.store(this.stopFlag, 0, 0);
    this.running = true;
    this.set({ state: 'running', done: 0, total: months.length, current: null, pending: null, error: null });
    try {
      const r = await this.runMonths(months, p.trigger);
      if (r.stopped) {
        // the months not run go back in front of what arrived meanwhile
        const rest = months[r.done];
        this.pending = merge(this.pending, { from: rest.from, to: months[months.length - 1].to, trigger: p.trigger });
      }
      const last = { from: months[0].from, to: months[months.length - 1].to, trigger: p.trigger, alerts: r.alerts, finishedAt: new Date().toISOString() };
      this.set({
        state: this.pending ? 'waiting' : 'idle',
        current: null,
        done: r.done,
        pending: this.pending ? { from: this.pending.from, to: this.pending.to } : null,
        last: r.stopped ? this.state.last : last,
      });
    } catch (e) {
      this.fail(e);
    } finally {
      this.running = false;
    }
  }

  private fail(e: unknown): void {
    const error = e instanceof Error ? e.message : String(e);
    console.error('[monitoring] run failed', e);
    this.set({ state: 'failed', current: null, error });
  }

  private async runMonths(months: MonthRun[], trigger: RunTrigger): Promise<{ done: number; alerts: number; stopped: boolean }> {
    const progress = (x: RunProgress) => this.set({ done: x.done, total: x.total, current: x.current });
    if (this.db.memory) {
      // a second connection cannot open an in-memory database: a month per turn of the event loop
      let done = 0;
      let alerts = 0;
      for (const m of months) {
        if (Atomics.load(this.stopFlag, 0) === 1) return { done, alerts, stopped: true };
        progress({ done, total: months.length, current: m.month });
        alerts += runAndStore(this.db, m.from, m.to, trigger).findings.length;
        done++;
        await new Promise((r) => setImmediate(r));
      }
      progress({ done, total: months.length, current: null });
      return { done, alerts, stopped: false };
    }
    const m = await inWorker(this.db, { kind: 'runs', months, trigger }, this.stopFlag, progress);
    if (m.kind !== 'runs') throw new Error(`unexpected worker answer ${m.kind}`);
    return m;
  }
}
