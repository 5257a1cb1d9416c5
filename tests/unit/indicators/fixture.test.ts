// A bank built by hand and imported through the real importer, with the arithmetic in comments:
// roll-up over three org levels, a date without files (snapshots carried), a snapshot correction
// and its undo (the materialised cells must follow both), a customer served by two 客户经理
// (counted once above them), a staff member who moved branches, and the 五级 migration matrix.
//
//   H 总行 ── B1 支行 ── S11 分理处
//          └─ B2 支行
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../../electron/core/db/connection.js';
import { importFile, undoBatch } from '../../../electron/core/import/index.js';
import { migrationMatrix, readIndicators, resolveTarget } from '../../../electron/core/indicators/index.js';
import { requestScope, wholeBankScope } from '../../../electron/core/scope/index.js';
import { drillList } from '../../../electron/core/drill/index.js';

let dir: string;
let db: Db;

const FILES: Record<string, string> = {
  'org.csv': '机构号,机构名称,上级机构号,机构层级\nH,总行,,总行\nB1,一支行,H,支行\nS11,一分理处,B1,分理处\nB2,二支行,H,支行\n',
  // E1 served S11 and B1 customers, and has since moved to B2 (the staff file says so)
  'staff.csv': '员工号,姓名,所属机构号,岗位\nE1,甲,B2,客户经理\nE2,乙,B2,客户经理\nE3,丙,S11,客户经理\n',
  'customer.csv': '客户号,客户名称,所属机构号,管户客户经理号\nC1,客户一,S11,E1\nC2,客户二,B1,E1\nC3,客户三,B2,E2\n',
  // D1 has no org of its own: it is C1's, S11
  'deposit.csv':
    '数据日期,账号,客户号,存款种类,账户余额,所属机构号,归属客户经理号\n' +
    '2024-06-30,D1,C1,活期,1000.00,,E1\n2024-06-30,D2,C2,定期,500.00,B1,E1\n2024-06-30,D3,C3,活期,200.00,B2,E2\n' +
    '2024-07-10,D1,C1,活期,1100.00,,E1\n2024-07-10,D2,C2,定期,500.00,B1,E1\n2024-07-10,D3,C3,活期,300.00,B2,E2\n',
  'loan.csv':
    '数据日期,借据号,客户号,发放日期,贷款金额,贷款余额,五级分类,逾期天数,经办客户经理号,所属机构号,担保方式\n' +
    '2023-12-31,L1,C1,2023-01-05,10000.00,10000.00,正常,0,E1,S11,信用\n' +
    // C1 borrows from E1 (L1) and from E3 (L2): one borrower of S11, not two
    '2024-06-30,L1,C1,2023-01-05,10000.00,8000.00,正常,0,E1,S11,信用\n' +
    '2024-06-30,L2,C1,2024-03-01,2000.00,2000.00,关注,10,E3,S11,保证\n' +
    '2024-06-30,L3,C3,2023-06-01,3000.00,3000.00,次级,95,E2,B2,抵押\n' +
    '2024-07-10,L1,C1,2023-01-05,10000.00,7000.00,正常,0,E1,S11,信用\n' +
    '2024-07-10,L2,C1,2024-03-01,2000.00,0.00,关注,0,E3,S11,保证\n' +
    '2024-07-10,L3,C3,2023-06-01,3000.00,3000.00,可疑,120,E2,B2,抵押\n' +
    '2024-07-10,L4,C2,2024-07-08,500.00,500.00,正常,0,E1,B1,信用\n',
};

const bank = () => resolveTarget(db, wholeBankScope(), {});
const org = (id: string) => resolveTarget(db, wholeBankScope(), { org: id });
const fen = (yuan: unknown) => Math.round((yuan as number) * 100);

async function load(name: string, body: string): Promise<number> {
  const file = path.join(dir, name);
  fs.writeFileSync(file, body);
  const r = await importFile(db, file, { username: 'test' });
  if (r.error) throw new Error(r.error);
  return r.batchId!;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ind-fixture-'));
  db = openDb(path.join(dir, 'bank.sqlite'));
  for (const [name, body] of Object.entries(FILES)) await load(name, body);
  // users for the scope checks
  db.prepare("INSERT INTO app_user (username, display_name, password_hash, role, org_id, created_at) VALUES ('b2', 'b2', 'x', 'branch_manager', 'B2', '2024-07-01')").run();
});

afterAll(() => {
  db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('roll-up over three levels', () => {
  it('deposits on 2024-07-10: S11 1100, B1 = S11 + 500 = 1600, the bank 1600 + 300 = 1900', () => {
    expect(fen(readIndicators(db, '2024-07-10', org('S11')).deposit_balance)).toBe(110_000);
    expect(fen(readIndicators(db, '2024-07-10', org('B1')).deposit_balance)).toBe(160_000);
    expect(fen(readIndicators(db, '2024-07-10', org('H')).deposit_balance)).toBe(190_000);
    expect(fen(readIndicators(db, '2024-07-10', bank()).deposit_balance)).toBe(190_000);
  });

  it('S11 month average on 07-10: days 1–9 carry 06-30 (1000), day 10 is 1100 → (9 × 1000 + 1100) / 10 = 1010', () => {
    const s = readIndicators(db, '2024-07-10', org('S11'));
    expect(fen(s.deposit_avg_month)).toBe(101_000);
    // 偏离度 (1100 − 1010) / 1010
    expect(s.deposit_deviation).toBe(90 / 1010);
  });

  it('loans on 07-10: 7000 + 0 + 3000 + 500 = 10500; 不良 = L3 可疑 3000; 比年初 = 10500 − 10000 (2023-12-31)', () => {
    const b = readIndicators(db, '2024-07-10', bank());
    expect(fen(b.loan_balance)).toBe(1_050_000);
    expect(fen(b.npl_balance)).toBe(300_000);
    expect(b.npl_ratio).toBe(3000 / 10500);
    expect(fen(b.loan_balance_ytd_change)).toBe(50_000);
    // L3 is 120 days overdue: bucket 91–180
    expect((b.overdue_buckets as Record<string, number>)['91-180']).toBe(3000);
    // borrowers with a balance: C1 (L1), C3 (L3), C2 (L4); L2 is paid off
    expect(b.loan_customers).toBe(3);
    expect(b.credit_loan_ratio).toBe(7500 / 10500);
  });
});

describe('distinct customers across cells', () => {
  it('on 06-30 C1 borrows from E1 and E3 in S11: one borrower of S11, B1 and the bank, one of each manager', () => {
    expect(readIndicators(db, '2024-06-30', org('S11')).loan_customers).toBe(1);
    expect(readIndicators(db, '2024-06-30', org('B1')).loan_customers).toBe(1);
    // C1 and C3
    expect(readIndicators(db, '2024-06-30', bank()).loan_customers).toBe(2);
    expect(readIndicators(db, '2024-06-30', resolveTarget(db, wholeBankScope(), { staff: 'E1' })).loan_customers).toBe(1);
    expect(readIndicators(db, '2024-06-30', resolveTarget(db, wholeBankScope(), { staff: 'E3' })).loan_customers).toBe(1);
  });
});

describe('a date without files', () => {
  it('07-05 has no snapshot: deposits (1000 + 500 + 200) and loans (8000 + 2000 + 3000) carry from 06-30', () => {
    const b = readIndicators(db, '2024-07-05', bank());
    expect(fen(b.deposit_balance)).toBe(170_000);
    expect(fen(b.loan_balance)).toBe(1_300_000);
    expect(b.visits).toBe(0);
    expect(b.acq_txn_count).toBe(0);
  });
});

describe('a staff member who moved branches', () => {
  it('E1 (now of B2) keeps the rows that name them: loans L1 7000 (S11) + L4 500 (B1), deposits D1 1100 + D2 500', () => {
    const e1 = readIndicators(db, '2024-07-10', resolveTarget(db, wholeBankScope(), { staff: 'E1' }));
    expect(fen(e1.loan_balance)).toBe(750_000);
    expect(fen(e1.deposit_balance)).toBe(160_000);
  });

  it('a B2 user sees E1 (of B2 now) only through the rows of B2: none of their old S11/B1 loans', () => {
    const scope = requestScope(db, 'b2');
    const e1 = readIndicators(db, '2024-07-10', resolveTarget(db, scope, { staff: 'E1' }));
    expect(e1.loan_balance).toBe(0);
    // E3 is of S11, outside B2: a 404 that does not say whether E3 exists
    expect(() => resolveTarget(db, scope, { staff: 'E3' })).toThrow(/不存在/);
  });
});

describe('the 五级 migration matrix 06-30 → 07-10', () => {
  it('L1 正常→正常 8000, L2 关注→结清 2000 (balance 0 at the end), L3 次级→可疑 3000, L4 新发放→正常 500 (at 07-10)', () => {
    const m = migrationMatrix(db, '2024-06-30', '2024-07-10', bank()).matrix;
    expect(m['正常']['正常']).toEqual({ balance: 8000, count: 1 });
    expect(m['关注']['结清']).toEqual({ balance: 2000, count: 1 });
    expect(m['次级']['可疑']).toEqual({ balance: 3000, count: 1 });
    expect(m['新发放']['正常']).toEqual({ balance: 500, count: 1 });
    const total = Object.values(m).flatMap((r) => Object.values(r)).reduce((s, c) => s + c.count, 0);
    expect(total).toBe(4);
    // B2 only: L3
    const b2 = migrationMatrix(db, '2024-06-30', '2024-07-10', org('B2')).matrix;
    expect(Object.values(b2).flatMap((r) => Object.values(r)).reduce((s, c) => s + c.count, 0)).toBe(1);
  });
});

describe('a migration cell drills to its loans', () => {
  const cell = (cat: string, key = 'loan_migration') => drillList(db, bank(), 'loans', { key, cat, date: '2024-07-10' }, { limit: 10 });
  it('关注→结清 lists L2 at its 06-30 balance 2000; 新发放→正常 lists L4 at its 07-10 balance 500; 正常→可疑 lists none', () => {
    const paid = cell('2024-06-30|关注|结清');
    expect(paid.rows.map((r) => r[0])).toEqual(['L2']);
    expect(paid.total.value).toBe(2000);
    const fresh = cell('2024-06-30|新发放|正常');
    expect(fresh.rows.map((r) => r[0])).toEqual(['L4']);
    expect(fresh.total.value).toBe(500);
    expect(cell('2024-06-30|正常|可疑', 'loan_migration_count').total.value).toBe(0);
    // the counts matrix opens the same loans, counted
    expect(cell('2024-06-30|次级|可疑', 'loan_migration_count').total.value).toBe(1);
  });
  it('refuses a cell that is not from|row|col', () => {
    expect(() => cell('2024-06-30|正常')).toThrow(/from\|row\|col/);
    expect(() => cell('2024-08-01|正常|正常')).toThrow(/from\|row\|col/);
  });
});

describe('a snapshot correction and its undo', () => {
  it('re-importing D1 on 07-10 as 1150 moves the figures already read; undoing it moves them back', async () => {
    // read first, so the cells are built before the correction
    expect(fen(readIndicators(db, '2024-07-10', bank()).deposit_balance)).toBe(190_000);
    const batch = await load('deposit_fix.csv', '数据日期,账号,客户号,存款种类,账户余额,所属机构号,归属客户经理号\n2024-07-10,D1,C1,活期,1150.00,,E1\n');
    const after = readIndicators(db, '2024-07-10', org('S11'));
    expect(fen(after.deposit_balance)).toBe(115_000);
    // (9 × 1000 + 1150) / 10 = 1015
    expect(fen(after.deposit_avg_month)).toBe(101_500);
    expect(fen(readIndicators(db, '2024-07-10', bank()).deposit_balance)).toBe(195_000);
    undoBatch(db, batch, 'test');
    expect(fen(readIndicators(db, '2024-07-10', bank()).deposit_balance)).toBe(190_000);
    expect(fen(readIndicators(db, '2024-07-10', org('S11')).deposit_avg_month)).toBe(101_000);
  });
});

describe('a loan correction and its undo move the migration matrix already read', () => {
  it('L3 re-reported on 07-10 as 损失 moves 3000 from 次级→可疑 to 次级→损失; undoing it moves it back', async () => {
    // read first, so the matrix of the pair (06-30, 07-10) is materialised before the correction
    expect(migrationMatrix(db, '2024-06-30', '2024-07-10', bank()).matrix['次级']['可疑']).toEqual({ balance: 3000, count: 1 });
    const batch = await load(
      'loan_fix.csv',
      '数据日期,借据号,客户号,发放日期,贷款金额,贷款余额,五级分类,逾期天数,经办客户经理号,所属机构号,担保方式\n2024-07-10,L3,C3,2023-06-01,3000.00,3000.00,损失,120,E2,B2,抵押\n',
    );
    const corrected = migrationMatrix(db, '2024-06-30', '2024-07-10', bank()).matrix;
    expect(corrected['次级']['可疑']).toEqual({ balance: 0, count: 0 });
    expect(corrected['次级']['损失']).toEqual({ balance: 3000, count: 1 });
    undoBatch(db, batch, 'test');
    const back = migrationMatrix(db, '2024-06-30', '2024-07-10', bank()).matrix;
    expect(back['次级']['可疑']).toEqual({ balance: 3000, count: 1 });
    expect(back['次级']['损失']).toEqual({ balance: 0, count: 0 });
  });
});

describe('剔除: figures without what confirmed alerts name', () => {
  it('a confirmed alert taking 600 out of D1 (S11, E1) on 07-08..07-10 leaves the raw figures alone and cuts the 剔除 ones', () => {
    const effects = [{ key: 'deposit_balance', from: '2024-07-08', to: '2024-07-10', org_id: 'S11', staff_id: 'E1', value: 600 }];
    const insert = db.prepare(
      `INSERT INTO monitor_alert (rule, family, rule_version, subject_type, subject_id, period, org_id, staff_id, score, summary, evidence, evidence_hash, effects, status, first_seen, last_seen)
       VALUES ('deposit.window_dressing', 'deposit', 0, 'account', 'D1', '2024-07', 'S11', 'E1', 80, 's', '[]', 'h', ?, ?, 'now', 'now')`,
    );
    insert.run(JSON.stringify(effects), 'pending');
    // a pending alert takes nothing out
    expect(fen(readIndicators(db, '2024-07-10', org('S11'), { excludeConfirmed: true }).deposit_balance)).toBe(110_000);
    db.prepare("UPDATE monitor_alert SET status = 'confirmed'").run();
    const raw = readIndicators(db, '2024-07-10', org('S11'));
    const cut = readIndicators(db, '2024-07-10', org('S11'), { excludeConfirmed: true });
    expect(fen(raw.deposit_balance)).toBe(110_000);
    // 1100 − 600 = 500
    expect(fen(cut.deposit_balance)).toBe(50_000);
    // the month's days: 1–9 carry 06-30 (1000, before the effect's days), day 10 is 500 → (9000 + 500) / 10 = 950
    expect(fen(cut.deposit_avg_month)).toBe(95_000);
    // the bank and B1 lose the same 600; B2 and another staff member nothing
    expect(fen(readIndicators(db, '2024-07-10', bank(), { excludeConfirmed: true }).deposit_balance)).toBe(130_000);
    expect(fen(readIndicators(db, '2024-07-10', org('B2'), { excludeConfirmed: true }).deposit_balance)).toBe(30_000);
    expect(fen(readIndicators(db, '2024-07-10', resolveTarget(db, wholeBankScope(), { staff: 'E2' }), { excludeConfirmed: true }).deposit_balance)).toBe(30_000);
    // outside the effect's days (06-30) nothing is cut
    expect(fen(readIndicators(db, '2024-06-30', bank(), { excludeConfirmed: true }).deposit_balance)).toBe(170_000);
    db.prepare('DELETE FROM monitor_alert').run();
  });
});
