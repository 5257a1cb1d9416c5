// Customers (惠金小助手) benchmark: the search box, the customer 360 and the gap list at two data
// scales (small: 3k customers, medium: 30k), with the medium/small ratio (goal ≤ 1.5 for 10×
// the data). Figures are printed, never asserted: a shared 2-core machine varies run to run.
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { openDb, type Db } from '../electron/core/db/connection.js';
import { customer360 } from '../electron/core/crm/customer360.js';
import { gapList } from '../electron/core/crm/gaps.js';
import { encodeCursor } from '../electron/core/crm/gaps-query.js';
import { ensureHoldingsInfo } from '../electron/core/crm/holdings.js';
import { ensureSearchIndex, nameInitials, searchCustomers } from '../electron/core/crm/search.js';
import { importPaths } from '../electron/core/import/index.js';
import { scopeOfOrg, wholeBankScope, type Scope } from '../electron/core/scope/index.js';
import { generateDemoBank } from '../seeds/index.js';
import type { GapQuery } from '../shared/crm.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'bench', 'out');
type Scale = 'small' | 'medium' | 'large';

/** A demo bank imported once and kept under bench/out (acquiring transactions are left out:
 *  no customer view reads them, and they are most of the import time). */
async function bankDb(scale: Scale): Promise<string> {
  const file = path.join(OUT, `crm-${scale}.db`);
  const done = `${file}.done`;
  if (fs.existsSync(done)) return file;
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  const t0 = performance.now();
  const g = await generateDemoBank({ outDir: path.join(OUT, `crm-${scale}-files`), scale });
  const db = openDb(file);
  try {
    const results = await importPaths(db, g.files.filter((f) => !path.basename(f).startsWith('acq_txn')), { username: 'bench' });
    const failed = results.filter((r) => r.error);
    if (failed.length) throw new Error(`import failed: ${failed.map((r) => r.error).join('; ')}`);
  } finally {
    db.close();
  }
  fs.writeFileSync(done, new Date().toISOString());
  console.log(`  (${scale}: generated and imported in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  return file;
}

const median = (xs: number[]) => quantile(xs, 0.5);
function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
}

function time(fn: () => unknown): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

/** ~50 queries of every kind, drawn from customers spread over the table. */
function benchQueries(db: Db): string[] {
  const n = db.prepare('SELECT count(*) FROM customer').pluck().get() as number;
  const pick = db.prepare('SELECT cust_id, name, cust_type, phone, id_no FROM customer ORDER BY cust_id LIMIT 1 OFFSET ?');
  const custs = Array.from({ length: 10 }, (_, i) => pick.get(Math.floor(((i + 0.5) * n) / 10)) as Record<string, string | null>);
  const tails = db.prepare("SELECT substr(card_no_masked, -4) FROM card ORDER BY card_no LIMIT 5 OFFSET 100").pluck().all() as string[];
  const q: string[] = [];
  for (const c of custs) {
    if (c.phone) q.push(c.phone);
    q.push(c.name!);
    q.push(nameInitials(c.name!, c.cust_type === '个人').slice(0, 3));
    if (c.id_no) q.push(c.id_no.slice(-6));
    q.push(c.cust_id!);
  }
  q.push(...tails, '13999999999', '张', '陈', 'zx', custs[0].name!.slice(0, 1) + custs[1].name!.slice(-1));
  return q;
}

interface Figures {
  customers: number;
  holdingsMs: number;
  indexMs: number;
  searchMedian: number;
  searchP95: number;
  searchWorst: string;
  c360Median: number;
  gap: Record<string, { first: number; deep: number; total: number }>;
  /** the same inside one 支行's scope (数据权限): the filter every branch user's request carries */
  branch: { org: string; searchMedian: number; gap: Record<string, { first: number; deep: number; total: number }> };
}

/** The 支行 with the most customers (with its 分理处): the heaviest branch scope. */
function biggestBranch(db: Db): string {
  return db
    .prepare(
      `SELECT b.org_id FROM org b JOIN org o ON o.org_id = b.org_id OR o.parent_id = b.org_id JOIN customer c ON c.org_id = o.org_id
        WHERE b.level = '支行' GROUP BY b.org_id ORDER BY count(*) DESC, b.org_id LIMIT 1`,
    )
    .pluck()
    .get() as string;
}

/** The cursor of the row at `offset` of a sorted filter (the bench may use OFFSET to get there). */
function cursorAt(db: Db, date: string, sort: 'cust_id' | 'avg_assets', desc: boolean, offset: number, orgs: readonly string[] | null = null): string {
  const dir = desc ? 'DESC' : 'ASC';
  const col = sort === 'cust_id' ? 'NULL' : `h.${sort}`;
  const order = sort === 'cust_id' ? `h.cust_id ${dir}` : `h.${sort} ${dir}, h.cust_id ${dir}`;
  const scoped = orgs === null ? '' : `AND h.cust_id IN (SELECT cust_id FROM customer WHERE org_id IN (SELECT value FROM json_each(@orgs)))`;
  const r = db
    .prepare(`SELECT h.cust_id AS id, ${col} AS k FROM customer_holding h WHERE h.data_date = @date AND (h.mask & 512) = 0 ${scoped} ORDER BY ${order} LIMIT 1 OFFSET @offset`)
    .get({ date, offset, ...(orgs === null ? {} : { orgs: JSON.stringify(orgs) }) }) as { id: string; k: number | null };
  return encodeCursor(sort, desc, { key: r.k, custId: r.id });
}

function measure(file: string): Figures {
  const db = openDb(file);
  try {
    db.prepare("DELETE FROM derived_state WHERE name = 'search' OR name LIKE 'holding:%'").run();
    const h = ensureHoldingsInfo(db);
    const indexMs = time(() => ensureSearchIndex(db));
    const date = h.date;
    const all = wholeBankScope();
    const queries = benchQueries(db);
    for (const q of queries) searchCustomers(db, q, all); // warm the page cache and the statements
    const times = queries.map((q) => ({ q, ms: time(() => searchCustomers(db, q, all)) }));
    const worst = times.reduce((a, b) => (b.ms > a.ms ? b : a));
    const ids = db.prepare('SELECT cust_id FROM customer ORDER BY cust_id LIMIT 20 OFFSET 500').pluck().all() as string[];
    for (const id of ids) customer360(db, id, all, { date, reveal: false });
    const c360 = ids.map((id) => time(() => customer360(db, id, all, { date, reveal: false })));

    const cases: [string, GapQuery][] = [
      ['lacks 手机银行, by number', { lacks: [10], sort: 'cust_id', limit: 50 }],
      ['lacks 手机银行, by assets desc', { lacks: [10], sort: 'avg_assets', desc: true, limit: 50 }],
    ];
    const gapCases = (scope: Scope): Figures['gap'] => {
      const gap: Figures['gap'] = {};
      for (const [name, q] of cases) {
        const first = time(() => gapList(db, q, scope)); // counts the total: the first page pays for it
        const total = gapList(db, q, scope).total;
        const after = cursorAt(db, date, q.sort as 'cust_id' | 'avg_assets', q.desc === true, Math.floor(total * 0.9), scope.orgIds);
        gapList(db, { ...q, after }, scope);
        const deep = median([1, 2, 3].map(() => time(() => gapList(db, { ...q, after }, scope))));
        gap[name] = { first, deep, total };
      }
      return gap;
    };
    const gap = gapCases(all);
    const org = biggestBranch(db);
    const branch = scopeOfOrg(db, org);
    for (const q of queries) searchCustomers(db, q, branch);
    const branchSearch = median(queries.map((q) => time(() => searchCustomers(db, q, branch))));
    return {
      customers: db.prepare('SELECT count(*) FROM customer').pluck().get() as number,
      holdingsMs: h.ms,
      indexMs,
      searchMedian: median(times.map((t) => t.ms)),
      searchP95: quantile(times.map((t) => t.ms), 0.95),
      searchWorst: `${worst.q} ${worst.ms.toFixed(2)} ms`,
      c360Median: median(c360),
      gap,
      branch: { org, searchMedian: branchSearch, gap: gapCases(branch) },
    };
  } finally {
    db.close();
  }
}

/** Scales from CRM_BENCH_SCALES (e.g. "small,medium,large"; large takes minutes to import once). */
function scales(): Scale[] {
  const raw = (process.env.CRM_BENCH_SCALES ?? 'small,medium').split(',').map((x) => x.trim());
  const ok = raw.filter((x): x is Scale => x === 'small' || x === 'medium' || x === 'large');
  return ok.length >= 1 ? ok : ['small', 'medium'];
}

export async function runCrmBench(): Promise<void> {
  console.log('\n== Customers (惠金小助手): search, 360, gap list ==');
  fs.mkdirSync(OUT, { recursive: true });
  const list = scales();
  const figs: Figures[] = [];
  for (const scale of list) figs.push(measure(await bankDb(scale)));
  const col = (v: string) => v.padStart(10);
  const row = (label: string, get: (f: Figures) => number) => {
    const vs = figs.map(get);
    const ratio = vs.length > 1 ? `   ×${(vs[vs.length - 1] / vs[0]).toFixed(2)}` : '';
    console.log(`${label.padEnd(44)}${vs.map((v) => col(v.toFixed(2))).join('')} ms${ratio}`);
  };
  console.log(`${''.padEnd(44)}${list.map(col).join('')}    ratio ${list[list.length - 1]}/${list[0]}`);
  console.log(`${'customers'.padEnd(44)}${figs.map((f) => col(String(f.customers))).join('')}`);
  row('holdings build (once per data change)', (f) => f.holdingsMs);
  row('search index rebuild', (f) => f.indexMs);
  row('search median (~50 queries)', (f) => f.searchMedian);
  row('search p95', (f) => f.searchP95);
  row('customer 360 median', (f) => f.c360Median);
  for (const k of Object.keys(figs[0].gap)) {
    row(`gap ${k}: page 1`, (f) => f.gap[k].first);
    row(`gap ${k}: page at 90%`, (f) => f.gap[k].deep);
  }
  console.log(`rows lacking 手机银行: ${figs.map((f) => Object.values(f.gap)[0].total).join(' / ')}; the first case's page 1 includes counting them`);
  console.log(`-- inside one 支行's data scope (${figs.map((f) => f.branch.org).join(' / ')}):`);
  row('search median, branch scope', (f) => f.branch.searchMedian);
  for (const k of Object.keys(figs[0].branch.gap)) {
    row(`gap ${k}: page 1, branch scope`, (f) => f.branch.gap[k].first);
    row(`gap ${k}: page at 90%, branch scope`, (f) => f.branch.gap[k].deep);
  }
  console.log(`rows lacking 手机银行 in that 支行: ${figs.map((f) => Object.values(f.branch.gap)[0].total).join(' / ')}`);
  console.log(`slowest search: ${figs.map((f, i) => `${list[i]} ${f.searchWorst}`).join('; ')}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await runCrmBench();
