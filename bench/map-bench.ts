// Grid map (issue 11): GET /api/map/points payload bytes and time (compact columns, JSON as sent),
// and the grids layer's time, over the demo banks the dashboard bench imported (bench/out/dash-*,
// when present; measured on a copy, bench/out/map-*-run, so the kept bank gets no new rows) and
// over a synthetic bank of 100,000 customers with points. On the demo banks the merchant layer's
// first request of a date is timed twice: with nothing built (a database from an older version:
// the request builds the merchant family and its months) and after a 收单 import and the
// background step that follows it (the job's merchant pair of the date), when it only reads.
// Printed, not asserted.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDb, type Db } from '../electron/core/db/connection.js';
import { workingCopy } from './working-copy.js';
import { createApi } from '../electron/core/api/index.js';
import { SessionStore, getUser, hashPassword, insertUser } from '../electron/core/auth/index.js';
import { ensureHoldings } from '../electron/core/crm/holdings.js';
import { ensureGridAssignment } from '../electron/core/grid/assign.js';
import { storeMerchantMonth } from '../electron/core/grid/merchant-month.js';
import { importPaths } from '../electron/core/import/index.js';
import { merchantCells } from '../electron/core/indicators/families/merchant.js';
import { buildFamily } from '../electron/core/indicators/store.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'bench', 'out');
// where the dashboard bench keeps its imported demo banks (dash-small/, dash-medium/); another
// folder of the same shape may be named, to measure without re-importing
const BANKS = process.env.MAP_BENCH_BANKS ?? OUT;

async function apiOver(db: Db) {
  const sessions = new SessionStore();
  if (!getUser(db, 'map_bench')) insertUser(db, { username: 'map_bench', displayName: 'bench', role: 'admin', orgId: null }, await hashPassword('bench-pass-1'));
  const token = sessions.create(getUser(db, 'map_bench')!);
  const app = createApi({ db, dataDir: path.dirname(db.name), sessions });
  return async (url: string) => {
    const t0 = performance.now();
    const res = await app.request(url, { headers: { authorization: `Bearer ${token}` } });
    const body = await res.arrayBuffer();
    const ms = performance.now() - t0;
    if (res.status !== 200) throw new Error(`${url}: ${res.status} ${new TextDecoder().decode(body).slice(0, 200)}`);
    return { ms, bytes: body.byteLength, json: JSON.parse(new TextDecoder().decode(body)) as { ids?: string[]; grids?: unknown[] } };
  };
}

/** Median of n runs after one warm-up (the warm-up builds holdings and placements). */
async function timed(call: (u: string) => Promise<{ ms: number; bytes: number; json: { ids?: string[]; grids?: unknown[] } }>, url: string, n = 5) {
  const first = await call(url);
  const ms: number[] = [];
  for (let i = 0; i < n; i++) ms.push((await call(url)).ms);
  ms.sort((a, b) => a - b);
  return { first: first.ms, median: ms[Math.floor(n / 2)], bytes: first.bytes, count: first.json.ids?.length ?? first.json.grids?.length ?? 0 };
}

function line(label: string, r: { first: number; median: number; bytes: number; count: number }, what: string) {
  console.log(`  ${label.padEnd(34)} ${String(r.count).padStart(7)} ${what.padEnd(8)} ${(r.bytes / 1048576).toFixed(2).padStart(6)} MiB  first ${r.first.toFixed(0).padStart(6)} ms  median ${r.median.toFixed(0).padStart(5)} ms`);
}

/** 100,000 customers with points spread over 泉州, one deposit each, 400 square grids. */
function syntheticBank(file: string, n: number): Db {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  const db = openDb(file);
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  db.transaction(() => {
    db.prepare("INSERT INTO org (org_id, name, level) VALUES ('HQ', '总行', '总行')").run();
    const grid = db.prepare('INSERT INTO grid (grid_id, name, org_id, households, geometry) VALUES (?, ?, ?, ?, ?)');
    for (let i = 0; i < 400; i++) {
      const x = 118.3 + (i % 20) * 0.02, y = 24.7 + Math.floor(i / 20) * 0.02;
      grid.run(`G${i}`, `网格${i}`, 'HQ', 500, JSON.stringify({ type: 'Polygon', coordinates: [[[x, y], [x + 0.02, y], [x + 0.02, y + 0.02], [x, y + 0.02], [x, y]]] }));
    }
    const cust = db.prepare("INSERT INTO customer (cust_id, name, cust_type, org_id, grid_id, lng, lat) VALUES (?, '客户', '个人', 'HQ', ?, ?, ?)");
    const dep = db.prepare("INSERT INTO deposit (data_date, acct_no, cust_id, kind, balance, status) VALUES ('2024-07-31', ?, ?, '活期', ?, '正常')");
    for (let i = 0; i < n; i++) {
      const lng = 118.3 + rnd() * 0.4, lat = 24.7 + rnd() * 0.4;
      const id = `C${String(i).padStart(7, '0')}`;
      cust.run(id, i % 10 === 0 ? null : `G${Math.floor((lng - 118.3) / 0.02) + 20 * Math.floor((lat - 24.7) / 0.02)}`, lng, lat);
      dep.run(`A${i}`, id, Math.floor(rnd() * 10_000_000));
    }
    db.prepare("INSERT INTO setting (key, value) VALUES ('data_version', '1') ON CONFLICT(key) DO UPDATE SET value = '1'").run();
  })();
  return db;
}

/** One more 消费 of an in-service merchant on the date, imported by the importer (which drops the merchant family's dates from it on). */
async function importOneTxn(db: Db, date: string): Promise<number> {
  const merchant = db.prepare("SELECT merchant_id FROM merchant WHERE status = '正常' AND lng IS NOT NULL ORDER BY merchant_id LIMIT 1").pluck().get() as string;
  const file = path.join(path.dirname(db.name), 'acq_one.csv');
  fs.writeFileSync(file, `交易流水号,商户号,交易时间,交易金额,付款方标识,交易类型\nMAPBENCH-1,${merchant},${date} 23:59:00,12.34,MAPBENCH-P,消费\n`);
  const t0 = performance.now();
  const [r] = await importPaths(db, [file], { username: 'map_bench' });
  if (r.error || r.imported !== 1) throw new Error(`acq_one.csv: ${r.error ?? `${r.imported} imported`}`);
  return performance.now() - t0;
}

export async function runMapBench(): Promise<void> {
  console.log('\n== Grid map: points payload and time, grids layer ==');
  for (const scale of ['small', 'medium']) {
    const kept = path.join(BANKS, `dash-${scale}`, 'bank.db');
    if (!fs.existsSync(`${kept}.done`)) {
      console.log(`  (${scale}: no demo bank under bench/out/dash-${scale}; the dashboard bench imports it)`);
      continue;
    }
    const db = openDb(workingCopy(kept, path.join(OUT, `map-${scale}-run`)));
    try {
      const call = await apiOver(db);
      const date = db.prepare('SELECT MAX(data_date) FROM deposit').pluck().get() as string;
      const merchants = `/api/map/points?kind=merchant&date=${date}`;
      line(`${scale}: /api/map/points customers`, await timed(call, '/api/map/points?kind=customer'), 'points');
      line(`${scale}: merchants, nothing built`, await timed(call, merchants), 'points');
      line(`${scale}: /api/map/grids coverage`, await timed(call, '/api/map/grids?measure=coverage'), 'grids');
      line(`${scale}: /api/map/grids deposits`, await timed(call, '/api/map/grids?measure=deposit_balance'), 'grids');
      const importMs = await importOneTxn(db, date);
      let t0 = performance.now();
      buildFamily(db, date, 'merchant');
      const jobMs = performance.now() - t0;
      // the part of that step the map adds: storing the months the family's pass already grouped
      const bag = merchantCells(db, date);
      t0 = performance.now();
      db.transaction(() => storeMerchantMonth(db, date, bag.months))();
      const storeMs = performance.now() - t0;
      console.log(
        `  ${scale}: one 收单 row imported in ${importMs.toFixed(0)} ms; the job's merchant pair of ${date} ${jobMs.toFixed(0)} ms, of which storing ${bag.months.length} merchants' months ${storeMs.toFixed(0)} ms`,
      );
      line(`${scale}: merchants, after import + job`, await timed(call, merchants), 'points');
    } finally {
      db.close();
    }
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'map-bench-'));
  const db = syntheticBank(path.join(dir, 'bank.db'), 100_000);
  try {
    let t0 = performance.now();
    ensureHoldings(db, '2024-07-31');
    const holdMs = performance.now() - t0;
    t0 = performance.now();
    ensureGridAssignment(db);
    console.log(`  100k synthetic: holdings built in ${holdMs.toFixed(0)} ms, 10k customers placed by point-in-polygon in ${(performance.now() - t0).toFixed(0)} ms`);
    const call = await apiOver(db);
    line('100k: /api/map/points customers', await timed(call, '/api/map/points?kind=customer&date=2024-07-31'), 'points');
    line('100k: /api/map/grids customers', await timed(call, '/api/map/grids?measure=customers&date=2024-07-31'), 'grids');
    line('100k: /api/map/grids deposits', await timed(call, '/api/map/grids?measure=deposit_balance&date=2024-07-31'), 'grids');
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) await runMapBench();
