// Drill-down lists over the small demo bank: for every key of DRILL_OF (each category of the
// map_* keys), for the bank, a 支行, a 分理处 and staff members, the list's total is the figure
// readIndicators reports (the indicators module: cells materialised in JS, a different code path
// from the drill's SQL), a few anchored again by plain SQL written here; paging by keyset returns
// every row exactly once; the export holds exactly the list's rows; the API keeps to the scope.
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRILL_OF } from '../../../shared/dashboard.js';
import { csvLine } from '../../../shared/csv-safe.js';
import { CLASS5, INDICATOR_BY_KEY, OVERDUE_BUCKETS, type IndicatorValue } from '../../../shared/indicators.js';
import { SIGNING_TYPES } from '../../../shared/datasets.js';
import type { DrillPage } from '../../../shared/drill.js';
import { createApi } from '../../../electron/core/api/index.js';
import { hashPassword, insertUser, SessionStore, getUser } from '../../../electron/core/auth/index.js';
import { drillList, drillSource, pageOf } from '../../../electron/core/drill/index.js';
import { exportDrill } from '../../../electron/core/drill/export.js';
import { yuanText } from '../../../electron/core/crm/export.js';
import { readIndicators, type Target } from '../../../electron/core/indicators/index.js';
import { BRANCH, busyStaff, DATE, demoBank, SUB, targets, type DemoBank } from './bank.js';

let bank: DemoBank;
beforeAll(async () => {
  bank = await demoBank();
}, 300_000);
afterAll(() => bank?.close());

const MIGRATION_CELL = '2024-06-30|正常|正常';

/** The categories to walk for a map_* key: those the figure reports, plus the fixed lists (zero rows included). */
function catsOf(key: string, reported: IndicatorValue): (string | null)[] {
  // the migration matrix's cells (from|row|col) are no indicator: paged and exported here through
  // the biggest cell, their totals checked against the matrix in tests/unit/dashboards
  if (!INDICATOR_BY_KEY.has(key)) return [MIGRATION_CELL];
  const unit = INDICATOR_BY_KEY.get(key)!.unit;
  if (!unit.startsWith('map_')) return [null];
  const fixed: Record<string, readonly string[]> = {
    overdue_buckets: OVERDUE_BUCKETS,
    loan_by_class5: CLASS5,
    signings_by_type: SIGNING_TYPES,
    signings_new_by_type: SIGNING_TYPES,
    signings_used90_by_type: SIGNING_TYPES,
  };
  return [...new Set([...Object.keys(reported as Record<string, number | null>), ...(fixed[key] ?? [])])];
}

/** The figure as readIndicators reports it; a category the figure does not list counts 0. */
function figure(value: IndicatorValue, cat: string | null): number | null {
  if (cat === null) return value as number | null;
  const v = (value as Record<string, number | null>)[cat];
  return v === undefined ? 0 : v;
}

/** Money compared to the 分 (both sides come from integer 分 sums); counts, ratios and averages exactly. */
function expectSame(total: DrillPage['total'], want: number | null, what: string) {
  if (total.unit === 'yuan' && want !== null && total.value !== null) expect(Math.round(total.value * 100), what).toBe(Math.round(want * 100));
  else expect(total.value, what).toBe(want);
}

describe('the total of every drilled list is the figure clicked', () => {
  for (const date of [DATE, '2024-07-15']) {
    it(`every key and category, five targets, ${date}`, () => {
      const db = bank.db;
      let checked = 0;
      let nonZero = 0;
      for (const { label, target } of targets(db)) {
        const figures = readIndicators(db, date, target);
        for (const key of Object.keys(DRILL_OF).filter((k) => INDICATOR_BY_KEY.has(k))) {
          for (const cat of catsOf(key, figures[key])) {
            const page = drillList(db, target, DRILL_OF[key], { key, cat, date }, { limit: 5 });
            expectSame(page.total, figure(figures[key], cat), `${label} ${key}${cat === null ? '' : `[${cat}]`} ${date}`);
            checked++;
            if (page.count > 0) nonZero++;
          }
        }
      }
      // the walk is not vacuous: most lists hold rows
      expect(checked).toBeGreaterThan(5 * 29);
      expect(nonZero).toBeGreaterThan(checked / 2);
    }, 300_000);
  }

  it('a few totals again by plain SQL written here (subtree by a recursive walk of org.parent_id)', () => {
    const db = bank.db;
    const subtree = `WITH RECURSIVE t(id) AS (SELECT @org UNION SELECT o.org_id FROM org o JOIN t ON o.parent_id = t.id) SELECT id FROM t`;
    // a row's org: its own, else its customer's (DATA.md "Files")
    const depositFen = db
      .prepare(
        `SELECT SUM(d.balance) FROM deposit d LEFT JOIN customer c ON c.cust_id = d.cust_id
          WHERE d.data_date = (SELECT MAX(data_date) FROM deposit WHERE data_date <= @date)
            AND COALESCE(NULLIF(d.org_id, ''), c.org_id) IN (${subtree})`,
      )
      .pluck()
      .get({ org: BRANCH, date: DATE }) as number;
    const nplFen = db
      .prepare(
        `SELECT SUM(l.balance) FROM loan l LEFT JOIN customer c ON c.cust_id = l.cust_id
          WHERE l.data_date = (SELECT MAX(data_date) FROM loan WHERE data_date <= @date) AND l.class5 IN ('次级', '可疑', '损失')
            AND COALESCE(NULLIF(l.org_id, ''), c.org_id) IN (${subtree})`,
      )
      .pluck()
      .get({ org: BRANCH, date: '2024-07-15' }) as number; // resolves to the 06-30 loan snapshot
    const visits = db
      .prepare(`SELECT COUNT(*) FROM visit WHERE staff_id = ? AND visit_time >= '2024-07-01' AND visit_time < '2024-08-01'`)
      .pluck()
      .get(busyStaff(db)) as number;
    const [, branch, , staff] = targets(db);
    expect(Math.round(drillList(db, branch.target, 'deposits', { key: 'deposit_balance', date: DATE }).total.value! * 100)).toBe(depositFen);
    const npl = drillList(db, branch.target, 'loans', { key: 'npl_balance', date: '2024-07-15' });
    expect(npl.snapshot).toBe('2024-06-30');
    expect(Math.round(npl.total.value! * 100)).toBe(nplFen);
    expect(drillList(db, staff.target, 'visits', { key: 'visits', date: DATE }).total.value).toBe(visits);
    expect(depositFen).toBeGreaterThan(0);
    expect(nplFen).toBeGreaterThan(0);
    expect(visits).toBeGreaterThan(0);
  });
});

describe('paging by keyset', () => {
  it('returns every row exactly once, for every key and target', () => {
    const db = bank.db;
    for (const { label, target } of targets(db)) {
      const figures = readIndicators(db, DATE, target);
      for (const key of Object.keys(DRILL_OF)) {
        for (const cat of catsOf(key, figures[key]).slice(0, 3)) {
          const { def, src } = drillSource(db, target, DRILL_OF[key], { key, cat, date: DATE });
          const count = drillList(db, target, DRILL_OF[key], { key, cat, date: DATE }, { limit: 1 }).count;
          // several pages whatever the list's size, so page boundaries are crossed (merchant
          // lists read each merchant's month per page: three pages there)
          const limit = Math.max(1, Math.ceil(count / (def.list === 'merchants' ? 2 : 4)));
          const seen: (string | number | null)[] = [];
          let after: string | null = null;
          for (let pages = 0; ; pages++) {
            expect(pages, `${label} ${key} runs away`).toBeLessThan(count + 2);
            const p = pageOf(db, def.list, src, after, limit);
            seen.push(...p.rows.map((r) => r.k));
            if (p.next === null) break;
            after = p.next;
          }
          expect(seen.length, `${label} ${key}[${cat}]`).toBe(count);
          expect(new Set(seen).size, `${label} ${key}[${cat}] duplicates`).toBe(count);
        }
      }
    }
  }, 300_000);

  it('drillList hands out the cursor of the next page until the last', () => {
    const db = bank.db;
    const [, branch] = targets(db);
    const all: string[] = [];
    let after: string | null = null;
    let first: DrillPage | null = null;
    do {
      const p: DrillPage = drillList(db, branch.target, 'customers', { key: 'customers', date: DATE }, { after, limit: 97 });
      first ??= p;
      all.push(...p.rows.map((r) => r[0] as string));
      after = p.nextCursor;
    } while (after !== null);
    expect(all.length).toBe(first!.count);
    expect([...all].sort()).toEqual(all); // in key order
    expect(new Set(all).size).toBe(all.length);
  });
});

/** Every page's rows, as CSV lines (money written from 分 the way the export writes it). */
function pagesAsCsv(target: Target, key: string, cat: string | null): string[] {
  const lines: string[] = [];
  let after: string | null = null;
  do {
    const p: DrillPage = drillList(bank.db, target, DRILL_OF[key], { key, cat, date: DATE }, { after, limit: 500 });
    for (const r of p.rows) lines.push(csvLine(r.map((v, i) => (p.columns[i].kind === 'fen' && typeof v === 'number' ? yuanText(v) : v))));
    after = p.nextCursor;
  } while (after !== null);
  return lines;
}

async function exportText(target: Target, key: string, cat: string | null, format: 'csv' | 'xlsx', pageSize?: number): Promise<{ buf: Buffer; rows: number }> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((r) => out.on('end', r));
  const { rows } = await exportDrill(bank.db, target, DRILL_OF[key], { key, cat, date: DATE }, format, out, { username: 'tester', scopeText: '数据范围：全行', pageSize });
  if (format === 'xlsx') out.end();
  await done;
  return { buf: Buffer.concat(chunks), rows };
}

describe('export', () => {
  it('CSV holds exactly the rows of the list, every key, for a 支行 and a staff member', async () => {
    const db = bank.db;
    const [, branch, , staff] = targets(db);
    for (const t of [branch, staff]) {
      const figures = readIndicators(db, DATE, t.target);
      for (const key of Object.keys(DRILL_OF)) {
        const cat = catsOf(key, figures[key])[0];
        const want = pagesAsCsv(t.target, key, cat);
        // pages of 7 in the export: its own walk crosses page boundaries
        const { buf, rows } = await exportText(t.target, key, cat, 'csv', 7);
        const lines = buf.toString('utf8').replace(/^\uFEFF/, '').split('\r\n');
        expect(lines[0].startsWith('筛选条件,'), key).toBe(true);
        expect(lines[1].startsWith('合计,'), key).toBe(true);
        const body = lines.slice(3, -1).map((l) => `${l}\r\n`);
        expect(rows, `${t.label} ${key}`).toBe(want.length);
        expect(body, `${t.label} ${key}`).toEqual(want);
      }
    }
  }, 300_000);

  it('XLSX: the data rows, amounts as numbers summing to the total, the filter sheet', async () => {
    const [, branch] = targets(bank.db);
    const page = drillList(bank.db, branch.target, 'loans', { key: 'loan_balance', date: DATE });
    const { buf } = await exportText(branch.target, 'loan_balance', null, 'xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('明细')!;
    const balanceCol = page.columns.findIndex((c) => c.key === 'balance') + 1;
    let fen = 0;
    for (let r = 2; r <= sheet.rowCount; r++) fen += Math.round(Number(sheet.getRow(r).getCell(balanceCol).value) * 100);
    expect(sheet.rowCount - 1).toBe(page.count);
    expect(fen).toBe(Math.round(page.total.value! * 100));
    const about = wb.getWorksheet('筛选条件')!;
    expect(String(about.getRow(1).getCell(2).value)).toContain('各项贷款余额');
    expect(String(about.getRow(1).getCell(2).value)).toContain(BRANCH);
  });

  it('names are masked in the list and the export unless revealed; card numbers only ever masked', () => {
    const db = bank.db;
    const [b] = targets(db);
    const masked = drillList(db, b.target, 'customers', { key: 'customers', date: DATE }, { limit: 20 });
    const shown = drillList(db, b.target, 'customers', { key: 'customers', date: DATE }, { limit: 20, reveal: true });
    const names = db.prepare('SELECT name FROM customer WHERE cust_id = ?').pluck();
    for (let i = 0; i < masked.rows.length; i++) {
      expect(shown.rows[i][1]).toBe(names.get(shown.rows[i][0]));
      expect(masked.rows[i][1]).not.toBe(shown.rows[i][1]);
      expect(String(masked.rows[i][1])).toContain('*');
    }
    const cards = drillList(db, b.target, 'cards', { key: 'credit_cards_issued', date: DATE }, { limit: 50, reveal: true });
    for (const r of cards.rows) expect(String(r[0])).toMatch(/^\d{6}\*+\d{4}$/);
  });
});

describe('bad requests', () => {
  it('an unknown key, a key of another list, a missing or unknown category are refused', () => {
    const [b] = targets(bank.db);
    const bad = (list: string, key: string, cat: string | null = null) => () => drillList(bank.db, b.target, list, { key, cat, date: DATE });
    expect(bad('deposits', 'no_such')).toThrow(/no_such/);
    expect(bad('loans', 'deposit_balance')).toThrow(/drills to deposits/);
    expect(bad('deposits', 'deposit_by_kind')).toThrow(/needs a category/);
    expect(bad('deposits', 'deposit_by_kind', '外币')).toThrow(/no category/);
    expect(bad('deposits', 'deposit_balance', '活期')).toThrow(/has no categories/);
    expect(bad('customers', 'item_share', '99')).toThrow(/no category/);
  });
});

describe('the API', () => {
  const call = async (app: ReturnType<typeof createApi>, token: string, url: string) =>
    app.fetch(new Request(`http://localhost${url}`, { headers: { authorization: `Bearer ${token}` } }));

  it('keeps to the caller scope (404 outside), checks permissions, masks, audits the export and a reveal', async () => {
    const db = bank.db;
    const sessions = new SessionStore();
    const app = createApi({ db, dataDir: bank.dir, sessions });
    const hash = await hashPassword('password1');
    const user = (username: string, role: 'branch_manager' | 'performance_officer' | 'lobby_manager', orgId: string) => {
      if (!getUser(db, username)) insertUser(db, { username, displayName: username, role, orgId }, hash);
      return sessions.create(getUser(db, username)!);
    };
    const head = user('lc_head', 'branch_manager', BRANCH); // 鲤城支行: QZ100 and its 分理处
    const officer = user('lc_officer', 'performance_officer', SUB);
    const lobby = user('lc_lobby', 'lobby_manager', BRANCH);
    const q = `key=deposit_balance&date=${DATE}`;

    const own = await call(app, head, `/api/drill/deposits?${q}&org=${SUB}&limit=3`);
    expect(own.status).toBe(200);
    const page = (await own.json()) as DrillPage;
    const [, , sub] = targets(db);
    expect(page.total.value).toBe(drillList(db, sub.target, 'deposits', { key: 'deposit_balance', date: DATE }).total.value);
    expect(page.rows).toHaveLength(3);
    expect(page.masked).toBe(true);

    // another 支行, a 分理处 above the officer, a staff member of another 支行, a staff member unknown
    const otherStaff = busyStaff(db, 'QZ200');
    expect((await call(app, head, `/api/drill/deposits?${q}&org=QZ200`)).status).toBe(404);
    expect((await call(app, officer, `/api/drill/deposits?${q}&org=${BRANCH}`)).status).toBe(404);
    expect((await call(app, head, `/api/drill/loans?key=loan_balance&date=${DATE}&staff=${otherStaff}`)).status).toBe(404);
    expect((await call(app, head, `/api/drill/loans?key=loan_balance&date=${DATE}&staff=NOBODY`)).status).toBe(404);
    expect((await call(app, head, `/api/drill/deposits/export?${q}&org=QZ200&format=csv`)).status).toBe(404);
    // and the staff member of one's own 支行 is there
    expect((await call(app, head, `/api/drill/loans?key=loan_balance&date=${DATE}&staff=${busyStaff(db, BRANCH)}`)).status).toBe(200);

    // bad input is a 400 with a sentence
    for (const url of [
      `/api/drill/deposits?key=nope&date=${DATE}`,
      `/api/drill/loans?${q}`,
      `/api/drill/things?${q}`,
      `/api/drill/deposits?key=deposit_by_kind&date=${DATE}`,
      `/api/drill/deposits?key=deposit_by_kind&cat=外币&date=${DATE}`,
      `/api/drill/deposits?key=deposit_balance&date=2024-02-30`,
      `/api/drill/cards?key=credit_cards_issued&date=${DATE}&after=abc`,
    ]) {
      const res = await call(app, head, url);
      expect(res.status, url).toBe(400);
    }

    // reveal needs customer:reveal and is audited; export needs 'export', is masked and audited
    expect((await call(app, officer, `/api/drill/customers?key=customers&date=${DATE}&reveal=1`)).status).toBe(403);
    const revealed = (await (await call(app, head, `/api/drill/customers?key=customers&date=${DATE}&reveal=1&limit=5`)).json()) as DrillPage;
    expect(revealed.masked).toBe(false);
    expect(db.prepare(`SELECT COUNT(*) FROM audit_log WHERE username = 'lc_head' AND action = 'customer_reveal' AND target = 'drill.customers'`).pluck().get()).toBe(1);
    expect((await call(app, lobby, `/api/drill/deposits/export?${q}&format=csv`)).status).toBe(403);
    const exp = await call(app, head, `/api/drill/customers/export?key=customers&date=${DATE}&format=csv`);
    expect(exp.status).toBe(200);
    const rows = Papa.parse<string[]>((await exp.text()).replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data.slice(3);
    const branchCustomers = drillList(db, targets(db)[1].target, 'customers', { key: 'customers', date: DATE });
    expect(rows.length).toBe(branchCustomers.count);
    expect(Number(exp.headers.get('x-row-count'))).toBe(branchCustomers.count);
    for (const r of rows) expect(r[1]).toContain('*');
    const audited = db.prepare(`SELECT detail FROM audit_log WHERE username = 'lc_head' AND action = 'export' AND target = 'drill.customers.csv'`).pluck().get() as string;
    expect(JSON.parse(audited)).toMatchObject({ rows: branchCustomers.count, masked: true });
  });
});
