// Sheets of a hand-built bank (bank.ts), every figure worked out in the comments: floor, cap,
// lower-is-better (and an actual of 0), 未设目标, deductions over the cap, an adjustment, ties in
// rank, a staff member named by no row, 进度 periods, sums over a year, a scheme version, a grid
// edit, and a locked period that a later import does not change.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sheet } from '../../../shared/assessment.js';
import { openDb, type Db } from '../../../electron/core/db/connection.js';
import { importFile } from '../../../electron/core/import/index.js';
import { requestScope, wholeBankScope } from '../../../electron/core/scope/index.js';
import { addAdjustment, assess, lockPeriod, parsePeriod, PeriodLockedError, ranking, readTargets, saveScheme, setTarget, unlockPeriod, unreadablePeriods } from '../../../electron/core/assess/index.js';
import { defaultScheme } from '../../../electron/core/assess/scheme.js';
import { FILES } from './bank.js';

let dir: string;
let db: Db;
const bank = wholeBankScope();

async function load(name: string, body: string): Promise<void> {
  const file = path.join(dir, name);
  fs.writeFileSync(file, body);
  const r = await importFile(db, file, { username: 'test' });
  if (r.error) throw new Error(r.error);
  expect(r.rejected, name).toBe(0);
}

const sheetOf = (period: string, type: 'org' | 'staff', id: string): Sheet => assess(db, period, bank, type === 'org' ? { org: id } : { staff: id }).sheets[0];
const row = (s: Sheet, id: string) => s.rows.find((r) => r.indicator === id)!;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'assess-'));
  db = openDb(path.join(dir, 'bank.sqlite'));
  for (const [name, body] of Object.entries(FILES)) await load(name, body);
  // 11 confirmed alerts of S11 / E1 in July, one pending in July, one confirmed in June
  const insert = db.prepare(
    `INSERT INTO monitor_alert (rule, family, rule_version, subject_type, subject_id, period, org_id, staff_id, score, summary, evidence, evidence_hash, effects, status, first_seen, last_seen)
     VALUES ('deposit.window_dressing', 'deposit', 0, 'account', ?, ?, 'S11', 'E1', 80, '冲时点', '[]', 'h', '[]', ?, 'now', 'now')`,
  );
  for (let i = 1; i <= 11; i++) insert.run(`A${i}`, '2024-07', 'confirmed');
  insert.run('P1', '2024-07', 'pending');
  insert.run('J1', '2024-06', 'confirmed');
  db.prepare("INSERT INTO app_user (username, display_name, password_hash, role, org_id, created_at) VALUES ('b2', 'b2', 'x', 'branch_manager', 'B2', '2024-07-01')").run();
  addAdjustment(db, parsePeriod('2024-07'), { object_type: 'org', object_id: 'B2', points: 18, reason: '重点项目攻坚' }, 'officer');
});

afterAll(() => {
  db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('periods', () => {
  it('reads month, quarter and year, and refuses anything else by name', () => {
    expect(parsePeriod('2024-07')).toMatchObject({ kind: 'month', start: '2024-07-01', end: '2024-07-31' });
    expect(parsePeriod('2024q3')).toMatchObject({ id: '2024Q3', kind: 'quarter', start: '2024-07-01', end: '2024-09-30', months: ['2024-07', '2024-08', '2024-09'] });
    expect(parsePeriod('2024')).toMatchObject({ kind: 'year', start: '2024-01-01', end: '2024-12-31' });
    for (const bad of ['2024-13', '2024Q5', '24-07', '2024-7', 'July']) expect(() => parsePeriod(bad), bad).toThrow(/考核期“.*”无效/);
  });

  it('a period with no data day inside it cannot be assessed; a later one is evaluated to the latest data date (进度)', () => {
    expect(() => assess(db, '2024-08', bank)).toThrow(/没有任何数据日期/);
    const q = assess(db, '2024Q3', bank);
    // data reaches 07-31 only
    expect(q.as_of).toBe('2024-07-31');
    expect(q.progress).toBe(true);
    expect(assess(db, '2024-07', bank)).toMatchObject({ as_of: '2024-07-31', progress: false });
  });
});

describe('the July sheets', () => {
  it('B1: 日均 over target, loans capped, lower-is-better completion, visits under the floor, 未设目标, deductions capped', () => {
    const s = sheetOf('2024-07', 'org', 'B1');
    expect(s.scheme_version).toBe(0);
    // 日均 July: days 1–30 carry 06-30 (3000), day 31 is 3310 → (30 × 3000 + 3310) / 31 = 3010; target 2800 (by its Chinese name)
    // completion 3010 / 2800 = 1.075 → score 30 × 1.075 = 32.25
    expect(row(s, 'deposit_avg')).toMatchObject({ target: 2800, actual: 3010, weight: 30 });
    expect(row(s, 'deposit_avg').completion).toBeCloseTo(1.075, 14);
    expect(row(s, 'deposit_avg').score).toBeCloseTo(32.25, 12);
    // loans 9800 + 200 = 10000 against 8000: completion 1.25, counts at the cap 1.2 → 25 × 1.2 = 30
    expect(row(s, 'loan_balance')).toMatchObject({ target: 8000, actual: 10000, completion: 1.25 });
    expect(row(s, 'loan_balance').score).toBeCloseTo(30, 12);
    // 不良率 200 / 10000 = 0.02, lower is better: 0.015 / 0.02 = 0.75 → 15 × 0.75 = 11.25
    expect(row(s, 'npl_ratio').actual).toBe(0.02);
    expect(row(s, 'npl_ratio').completion).toBeCloseTo(0.75, 14);
    expect(row(s, 'npl_ratio').score).toBeCloseTo(11.25, 12);
    // July visits: V2 and V3 = 2 against 4: 0.5 is under the floor 0.6 → 0
    expect(row(s, 'visits')).toMatchObject({ target: 4, actual: 2, completion: 0.5, score: 0 });
    // no target: 未设目标, nothing scored, not in 满分
    for (const id of ['intermediate_active_customers', 'high_quality_merchants', 'credit_cards_issued']) expect(row(s, id)).toMatchObject({ target: null, completion: null, score: 0 });
    // 满分 = 30 + 25 + 15 + 5
    expect(s.full).toBe(75);
    // 11 confirmed July alerts of S11 (below B1) at 1 point, at most 10; the pending one and June's do not count
    expect(s.deduction_items).toHaveLength(11);
    expect(s.deductions).toBe(10);
    // 32.25 + 30 + 11.25 + 0 − 10
    expect(s.total).toBeCloseTo(63.5, 12);
  });

  it('B2: lower-is-better far from target scores 0; an adjustment with its reason; B3: 不良率 0 completes at the cap', () => {
    const b2 = sheetOf('2024-07', 'org', 'B2');
    // 日均 6200 / 6200 = 1 → 30; loans 10000 / 10000 (target by 各项贷款余额) → 25; 不良率 2000 / 10000 = 0.2: 0.015 / 0.2 = 0.075 < 0.6 → 0
    expect(row(b2, 'deposit_avg')).toMatchObject({ actual: 6200, completion: 1, score: 30 });
    expect(row(b2, 'loan_balance')).toMatchObject({ actual: 10000, completion: 1, score: 25 });
    expect(row(b2, 'npl_ratio').actual).toBe(0.2);
    expect(row(b2, 'npl_ratio').score).toBe(0);
    expect(b2.adjustments).toBe(18);
    expect(b2.adjustment_items).toMatchObject([{ points: 18, reason: '重点项目攻坚', by: 'officer' }]);
    // 30 + 25 + 0 + 18
    expect(b2.total).toBe(73);
    const b3 = sheetOf('2024-07', 'org', 'B3');
    // 不良率 0 / 10000 = 0: lower is better and the actual is 0 → completion = the cap 1.2 → 15 × 1.2 = 18
    expect(row(b3, 'npl_ratio')).toMatchObject({ actual: 0, completion: 1.2 });
    expect(row(b3, 'npl_ratio').score).toBeCloseTo(18, 12);
    // 30 + 25 + 18
    expect(b3.total).toBeCloseTo(73, 12);
  });

  it('ranks among the 支行: B2 and B3 tie at 73 (rank 1, 1), B1 63.5 is third; 总行 and 分理处 are ranked in their own level', () => {
    const all = assess(db, '2024-07', bank, { all: true }).sheets;
    const rank = (id: string) => all.find((s) => s.object.id === id)!.rank;
    expect([rank('B2'), rank('B3'), rank('B1')]).toEqual([1, 1, 3]);
    expect(rank('H')).toBe(1);
    expect(rank('S11')).toBe(1);
    // H has no targets: 满分 0; it carries S11's alerts (rolled up) → 0 − 10
    const h = all.find((s) => s.object.id === 'H')!;
    expect(h.full).toBe(0);
    expect(h.total).toBe(-10);
  });

  it('staff: E1 own 日均 3010 on target, 11 alerts capped at 10; E3 named by no row has a sheet of zeros and nulls; ranks E2, E1, E3', () => {
    const all = assess(db, '2024-07', bank, { all: true }).sheets.filter((s) => s.object.type === 'staff');
    expect(all.map((s) => s.object.id)).toEqual(['E1', 'E2', 'E3']);
    const [e1, e2, e3] = all;
    // 3010 / 3010 = 1 → 30, − 10
    expect(row(e1, 'deposit_avg')).toMatchObject({ actual: 3010, completion: 1, score: 30 });
    expect(e1.deductions).toBe(10);
    expect(e1.total).toBe(20);
    expect(e2.total).toBe(30);
    // no rows: 日均 0 against 1000 → completion 0 → 0; loans 0; 不良率 has no denominator (null)
    expect(row(e3, 'deposit_avg')).toMatchObject({ target: 1000, actual: 0, completion: 0, score: 0 });
    expect(row(e3, 'loan_balance').actual).toBe(0);
    expect(row(e3, 'npl_ratio')).toMatchObject({ actual: null, completion: null, score: 0 });
    expect(e3.full).toBe(30);
    expect([e2.rank, e1.rank, e3.rank]).toEqual([1, 2, 3]);
  });

  it('the importer rejected the unknown 指标 and the bad 考核期; such rows written before it checked are listed, not matched', () => {
    expect(readTargets(db, parsePeriod('2024-07')).problems).toEqual([]);
    expect(unreadablePeriods(db)).toEqual([]);
    // rows an earlier console let in (no batch: as a database from before the check holds them)
    const ins = db.prepare("INSERT INTO target (period, subject_type, subject_id, indicator, target_value) VALUES (?, '机构', 'B1', ?, ?)");
    try {
      ins.run('2024-07', '走访户数', 10);
      ins.run('2024-7', 'visits', 4);
      const { problems } = readTargets(db, parsePeriod('2024-07'));
      expect(problems).toEqual([expect.objectContaining({ object_type: 'org', object_id: 'B1', indicator: '走访户数' })]);
      // and a 考核期 that names no period (2024-7 is not 2024-07: never guessed)
      expect(unreadablePeriods(db)).toEqual([{ period: '2024-7', rows: 1 }]);
    } finally {
      db.prepare("DELETE FROM target WHERE indicator = '走访户数' OR period = '2024-7'").run();
    }
  });

  it('without a choice the bank is one org sheet (the head office); --org and --staff together are refused', () => {
    expect(assess(db, '2024-07', bank).sheets.map((s) => s.object.id)).toEqual(['H']);
    expect(() => assess(db, '2024-07', bank, { org: 'B1', staff: 'E1' })).toThrow(/只能选一个/);
  });
});

describe('quarter and year', () => {
  it('2024Q3 as of 07-31: the quarter 日均 is July so far (3010); 2024: Jan 1 – Jul 31 and visits of June and July', () => {
    expect(row(sheetOf('2024Q3', 'org', 'B1'), 'deposit_avg').actual).toBe(3010);
    expect(row(sheetOf('2024Q3', 'staff', 'E1'), 'visits').actual).toBe(2);
    const y = sheetOf('2024', 'org', 'B1');
    // 213 days (31+29+31+30+31+30+31); before 06-30 nothing is loaded (0); 06-30 … 07-30 carry 3000 (31 days), 07-31 3310
    // (31 × 3000 + 3310) / 213 = 96310 / 213 = 452.1596… → 452.16
    expect(row(y, 'deposit_avg').actual).toBe(452.16);
    // June's V1 + July's V2, V3
    expect(row(y, 'visits').actual).toBe(3);
    expect(row(sheetOf('2024', 'staff', 'E1'), 'visits').actual).toBe(3);
  });
});

describe('rankings and 对标找差', () => {
  it('total among the 支行 with gaps in points and the previous month (June) ranks', () => {
    const r = ranking(db, bank, { period: '2024-07', indicator: 'total', type: 'org' });
    expect(r.map((x) => [x.object.id, x.rank])).toEqual([['B2', 1], ['B3', 1], ['B1', 3]]);
    const b1 = r.find((x) => x.object.id === 'B1')!;
    // best 73: 73 − 63.5 = 9.5; average (73 + 73 + 63.5) / 3 = 69.8333… → 6.3333…
    expect(b1.gap_to_best).toBeCloseTo(9.5, 12);
    expect(b1.gap_to_avg).toBeCloseTo((73 + 73 + 63.5) / 3 - 63.5, 12);
    // June: no targets, so 0 each, but June's confirmed alert of S11 costs B1 one point → B2, B3 first, B1 third
    expect(b1.prev_rank).toBe(3);
  });

  it('per indicator in its unit: 日均 in 元, 不良率 lower first', () => {
    const dep = ranking(db, bank, { period: '2024-07', indicator: 'deposit_avg', type: 'org' });
    const b1 = dep.find((x) => x.object.id === 'B1')!;
    expect(b1).toMatchObject({ value: 3010, rank: 3, gap_to_best: 3190 });
    // average (6200 + 6200 + 3010) / 3 = 5136.666… → 2126.666…
    expect(b1.gap_to_avg).toBeCloseTo(15410 / 3 - 3010, 9);
    const npl = ranking(db, bank, { period: '2024-07', indicator: 'npl_ratio', type: 'org' });
    // B3 0, B1 0.02, B2 0.2; B2 is 0.2 behind the best
    expect(npl.map((x) => x.object.id)).toEqual(['B3', 'B1', 'B2']);
    expect(npl[2].gap_to_best).toBeCloseTo(0.2, 15);
    expect(ranking(db, bank, { period: '2024-07', indicator: 'total', type: 'staff' }).map((x) => x.object.id)).toEqual(['E2', 'E1', 'E3']);
  });
});

describe('scope', () => {
  it('a B2 manager sees B2 and the staff of B2, ranked among the whole bank; B1 is a 404', () => {
    const scope = requestScope(db, 'b2');
    const mine = assess(db, '2024-07', scope, { all: true }).sheets;
    expect(mine.map((s) => s.object.id)).toEqual(['B2', 'E2', 'E3']);
    expect(mine[0].rank).toBe(1);
    expect(() => assess(db, '2024-07', scope, { org: 'B1' })).toThrow(/不存在/);
    expect(() => assess(db, '2024-07', scope, { staff: 'E1' })).toThrow(/不存在/);
    // default: their own org
    expect(assess(db, '2024-07', scope).sheets.map((s) => s.object.id)).toEqual(['B2']);
    expect(ranking(db, scope, { period: '2024-07', indicator: 'total', type: 'org' }).map((x) => x.object.id)).toEqual(['B2']);
  });
});

describe('schemes and targets', () => {
  it('refuses a negative weight, floor ≥ cap and an unknown indicator; a saved scheme is version 1 and the sheet records it', () => {
    const base = defaultScheme('staff');
    const body = (over: object) => ({ name: '客户经理方案', deduction: { per_alert: 0.5, max: 10 }, indicators: base.indicators.map((i) => ({ ...i })), ...over });
    expect(() => saveScheme(db, 'staff', body({ indicators: [{ ...base.indicators[0], weight: -1 }] }), 'admin')).toThrow(/权重不能为负/);
    expect(() => saveScheme(db, 'staff', body({ indicators: [{ ...base.indicators[0], floor: 1.2, cap: 1.2 }] }), 'admin')).toThrow(/下限须小于封顶/);
    expect(() => saveScheme(db, 'staff', body({ indicators: [{ ...base.indicators[0], indicator: 'profit' }] }), 'admin')).toThrow(/indicator/);
    expect(saveScheme(db, 'staff', body({}), 'admin').version).toBe(1);
    const e1 = sheetOf('2024-07', 'staff', 'E1');
    expect(e1.scheme_version).toBe(1);
    // 11 alerts × 0.5 = 5.5, under the cap: 30 − 5.5
    expect(e1.deductions).toBe(5.5);
    expect(e1.total).toBe(24.5);
    expect(sheetOf('2024-07', 'org', 'B1').scheme_version).toBe(0);
    const row = db.prepare("SELECT detail FROM audit_log WHERE action = 'assess_scheme'").pluck().get() as string;
    expect(JSON.parse(row)).toMatchObject({ version: 1, from: 0 });
  });

  it('a result read before an alert is decided does not outlive the decision: P1 confirmed → E1 12 × 0.5 = 6', () => {
    expect(sheetOf('2024-07', 'staff', 'E1').deductions).toBe(5.5);
    db.prepare("UPDATE monitor_alert SET status = 'confirmed', decided_at = 'later' WHERE subject_id = 'P1'").run();
    expect(sheetOf('2024-07', 'staff', 'E1').deductions).toBe(6);
    db.prepare("UPDATE monitor_alert SET status = 'pending', decided_at = NULL WHERE subject_id = 'P1'").run();
    expect(sheetOf('2024-07', 'staff', 'E1').deductions).toBe(5.5);
  });

  it('a grid edit sets E3 日均 target to 0 (met by any actual: the cap, 30 × 1.2), audited with old and new', () => {
    setTarget(db, parsePeriod('2024-07'), { object_type: 'staff', object_id: 'E3', indicator: 'deposit_avg', value: 0 }, 'officer');
    const e3 = sheetOf('2024-07', 'staff', 'E3');
    expect(row(e3, 'deposit_avg')).toMatchObject({ target: 0, completion: 1.2 });
    expect(row(e3, 'deposit_avg').score).toBeCloseTo(36, 12);
    const a = db.prepare("SELECT username, target, detail FROM audit_log WHERE action = 'assess_target'").get() as { username: string; target: string; detail: string };
    expect(a.username).toBe('officer');
    expect(JSON.parse(a.detail)).toMatchObject({ old: [1000], new: 0 });
  });
});

describe('lock', () => {
  it('freezes the sheets: a later import does not move them, and says the data changed; unlocking lets the import in', async () => {
    const locked = lockPeriod(db, parsePeriod('2024-07'), 'officer');
    expect(locked.locked).toMatchObject({ by: 'officer', data_changed_since: false });
    expect(() => lockPeriod(db, parsePeriod('2024-07'), 'officer')).toThrow(PeriodLockedError);
    // D3 of B3 corrected on 07-31: 6200 → 9300
    await load('deposit_fix.csv', '数据日期,账号,客户号,存款种类,账户余额,所属机构号\n2024-07-31,D3,C3,活期,9300.00,B3\n');
    const frozen = assess(db, '2024-07', bank, { org: 'B3' });
    expect(frozen.locked?.data_changed_since).toBe(true);
    expect(row(frozen.sheets[0], 'deposit_avg').actual).toBe(6200);
    // a locked period refuses adjustments and target edits
    const p = parsePeriod('2024-07');
    expect(() => addAdjustment(db, p, { object_type: 'org', object_id: 'B1', points: 1, reason: 'x' }, 'officer')).toThrow(PeriodLockedError);
    expect(() => setTarget(db, p, { object_type: 'org', object_id: 'B1', indicator: 'visits', value: 1 }, 'officer')).toThrow(PeriodLockedError);
    unlockPeriod(db, p, 'admin');
    const live = assess(db, '2024-07', bank, { org: 'B3' });
    expect(live.locked).toBeNull();
    // (30 × 6200 + 9300) / 31 = 195300 / 31 = 6300; 6300 / 6200 → 30 × 1.0161…
    expect(row(live.sheets[0], 'deposit_avg').actual).toBe(6300);
    expect(row(live.sheets[0], 'deposit_avg').score).toBeCloseTo((30 * 6300) / 6200, 12);
    const actions = db.prepare("SELECT action FROM audit_log WHERE action IN ('assess_lock', 'assess_unlock') ORDER BY id").pluck().all();
    expect(actions).toEqual(['assess_lock', 'assess_unlock']);
  });
});
