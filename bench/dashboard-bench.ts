// Dashboards benchmark (issue 9): every dashboard API, the home page, stats and coverage over HTTP
// (the Hono app's fetch, no network) on the demo bank at two scales 10× apart, with the
// larger/smaller ratio (goal ≤ 1.5: the figures read materialised cells, not the raw rows), the
// first build of the cells excluded; then one new day (a deposit, a loan and a 收单 file) imported,
// and the time to materialise it against the time its import took (goal: less).
// Figures are printed, never asserted: a shared 2-core machine varies run to run.
//   DASH_BENCH_SCALES=small,medium (default) · DASH_BENCH_RUNS=5
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';
import { apiIdle, createApi, indicatorJobOf } from '../electron/core/api/index.js';
import { SessionStore, getUser, hashPassword, insertUser } from '../electron/core/auth/index.js';
import { openDb, type Db } from '../electron/core/db/connection.js';
import { workingCopy } from './working-copy.js';
import { importPaths } from '../electron/core/import/index.js';
import { buildPending } from '../electron/core/indicators/job.js';
import { generateDemoBank } from '../seeds/index.js';
import { DATASETS, type DatasetId } from '../shared/datasets.js';
import { addDays } from '../shared/dates.js';
import { DASHBOARD_IDS } from '../shared/indicators.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'bench', 'out');
type Scale = 'small' | 'medium' | 'large';
const RUNS = Number(process.env.DASH_BENCH_RUNS ?? 5);

/** The whole demo bank (收单 included: the acquiring dashboard reads it) imported once, kept under bench/out. */
async function bankDb(scale: Scale): Promise<string> {
  const file = path.join(OUT, `dash-${scale}`, 'bank.db');
  const done = `${file}.done`;
  if (fs.existsSync(done)) return file;
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  const t0 = performance.now();
  const g = await generateDemoBank({ outDir: path.join(OUT, `dash-${scale}-files`), scale });
  const db = openDb(file);
  try {
    const results = await importPaths(db, g.files, { username: 'bench' });
    const failed = results.filter((r) => r.error);
    if (failed.length) throw new Error(`import failed: ${failed.map((r) => r.error).join('; ')}`);
  } finally {
    db.close();
  }
  fs.writeFileSync(done, new Date().toISOString());
  console.log(`  (${scale}: generated and imported in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  return file;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

async function timeGet(app: Hono, url: string, token: string): Promise<number> {
  const get = async () => {
    const res = await app.request(url, { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 200) throw new Error(`${url}: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
  };
  await get(); // the first call may build cells: excluded
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await get();
    ms.push(performance.now() - t0);
  }
  return median(ms);
}

/** The export file of one dataset for a new day: the latest day's rows again, dated `day` (headers in Chinese, money in 元). */
function newDayFile(db: Db, dataset: DatasetId, latest: string, day: string, dir: string): string {
  const ds = DATASETS.find((d) => d.id === dataset)!;
  // only columns whose stored form is also their written form (money rescaled): no percent decimals
  const cols = ds.columns.filter((c) => c.type !== 'decimal' && c.type !== 'list');
  const where = dataset === 'acq_txn' ? "txn_time >= ? AND txn_time < ? || ' 99'" : 'data_date = ? AND data_date = ?';
  const rows = db.prepare(`SELECT ${cols.map((c) => c.key).join(', ')} FROM ${dataset} WHERE ${where}`).raw(true).iterate(latest, latest) as Iterable<unknown[]>;
  const cell = (v: unknown, type: string, key: string): string => {
    if (v === null || v === undefined) return '';
    if (key === 'data_date') return day;
    if (key === 'txn_time') return `${day}${String(v).slice(10)}`;
    if (key === 'txn_id') return `${v}-${day}`;
    if (type === 'money') return (Number(v) / 100).toFixed(2);
    if (type === 'bool') return Number(v) ? '是' : '否';
    const s = String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [cols.map((c) => c.zh).join(',')];
  for (const r of rows) lines.push(r.map((v, i) => cell(v, cols[i].type, cols[i].key)).join(','));
  const file = path.join(dir, `${dataset}_${day.replace(/-/g, '')}.csv`);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

interface ScaleFigures {
  customers: number;
  firstBuildMs: number;
  apis: Map<string, number>;
  importMs: number;
  newDayMs: number;
  newDayPairs: number;
}

async function runScale(scale: Scale): Promise<ScaleFigures> {
  const file = workingCopy(await bankDb(scale), path.join(OUT, `dash-${scale}-run`));
  const db = openDb(file);
  const dataDir = path.dirname(file);
  try {
    const customers = db.prepare('SELECT COUNT(*) FROM customer').pluck().get() as number;
    let t0 = performance.now();
    buildPending(db);
    const firstBuildMs = performance.now() - t0;

    const sessions = new SessionStore();
    insertUser(db, { username: 'bench', displayName: 'bench', role: 'admin', orgId: null }, await hashPassword('bench-password-1'));
    const token = sessions.create(getUser(db, 'bench')!);
    const app = createApi({ db, dataDir, sessions });
    const date = db.prepare('SELECT MAX(data_date) FROM deposit').pluck().get() as string;
    const apis = new Map<string, number>();
    for (const id of DASHBOARD_IDS) apis.set(`dashboard ${id}`, await timeGet(app, `/api/dashboards/${id}?date=${date}`, token));
    apis.set('home', await timeGet(app, '/api/home', token));
    apis.set('stats', await timeGet(app, `/api/stats?date=${date}`, token));
    apis.set('coverage (by 支行)', await timeGet(app, `/api/coverage?by=branch&date=${date}`, token));
    indicatorJobOf(app)!.close();
    await apiIdle(app);

    // one new day: the latest deposit and loan snapshots and the latest day's 收单 again, a day later
    const day = addDays(date, 1);
    const loanLatest = db.prepare('SELECT MAX(data_date) FROM loan').pluck().get() as string;
    const acqLatest = (db.prepare('SELECT substr(MAX(txn_time), 1, 10) FROM acq_txn').pluck().get() as string) ?? date;
    const dir = path.join(dataDir, 'new-day');
    fs.mkdirSync(dir, { recursive: true });
    const files = [newDayFile(db, 'deposit', date, day, dir), newDayFile(db, 'loan', loanLatest, day, dir), newDayFile(db, 'acq_txn', acqLatest, day, dir)];
    t0 = performance.now();
    const results = await importPaths(db, files, { username: 'bench' });
    const importMs = performance.now() - t0;
    const failed = results.filter((r) => r.error || r.rejected);
    if (failed.length) throw new Error(`new day import: ${failed.map((r) => r.error ?? `${r.rejected} rejected`).join('; ')}`);
    t0 = performance.now();
    const built = buildPending(db);
    const newDayMs = performance.now() - t0;
    return { customers, firstBuildMs, apis, importMs, newDayMs, newDayPairs: built.done };
  } finally {
    db.close();
  }
}

export async function runDashboardBench(): Promise<void> {
  const scales = (process.env.DASH_BENCH_SCALES ?? 'small,medium').split(',').map((s) => s.trim()) as Scale[];
  console.log(`\nDashboards (${scales.join(' vs ')}; median of ${RUNS} requests after a first one; ms)`);
  const figures: ScaleFigures[] = [];
  for (const s of scales) figures.push(await runScale(s));
  const [a, b] = figures;
  console.log(`  customers: ${figures.map((f) => f.customers).join(' vs ')}; first build of every cell: ${figures.map((f) => `${(f.firstBuildMs / 1000).toFixed(1)} s`).join(' vs ')} (excluded)`);
  for (const key of a.apis.keys()) {
    const x = a.apis.get(key)!;
    const y = b?.apis.get(key);
    console.log(`  ${key.padEnd(22)} ${x.toFixed(1).padStart(8)}${y === undefined ? '' : `${y.toFixed(1).padStart(10)}   ratio ${(y / x).toFixed(2)}`}`);
  }
  for (const [i, f] of figures.entries()) {
    console.log(
      `  one new day (${scales[i]}): import of deposit+loan+收单 ${f.importMs.toFixed(0)} ms; materialising it (${f.newDayPairs} date×family pairs) ${f.newDayMs.toFixed(0)} ms; ratio ${(f.newDayMs / f.importMs).toFixed(2)} (goal < 1)`,
    );
  }
}
