// 借新还旧 and 剔除: a confirmed loan.renew_to_repay alert puts the overdue (and 不良) balance the
// renewal hid back into the figures, the way a 1104 reader counts it; the loan balance stays.
// A bank built by hand and imported through the real importer, monthly loan snapshots:
//
//   O1 (C1, S11, E1): 300,000 overdue 45 days, 次级, on 06-30; gone by 07-31
//   N1 (C1, S11, E1): issued 07-15 for 300,000, standing on 07-31, not overdue (the renewal)
//   L9 (C2, B2, E2):  700,000, 正常, on both snapshots (another branch: never touched)
//
// Raw figures on 07-31: loans 300,000 + 700,000 = 1,000,000; overdue 0; 不良 0.
// 剔除 on 07-31: overdue 0 + 300,000 = 300,000 → 逾期率 300,000 / 1,000,000 = 0.3; 不良 likewise.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../../electron/core/db/connection.js';
import { importFile } from '../../../electron/core/import/index.js';
import { readIndicators, resolveTarget } from '../../../electron/core/indicators/index.js';
import { decideAlert } from '../../../electron/core/monitoring/alerts.js';
import { runAndStore } from '../../../electron/core/monitoring/engine.js';
import { wholeBankScope } from '../../../electron/core/scope/index.js';

const FILES: Record<string, string> = {
  'org.csv': '机构号,机构名称,上级机构号,机构层级\nH,总行,,总行\nB1,一支行,H,支行\nS11,一分理处,B1,分理处\nB2,二支行,H,支行\n',
  'staff.csv': '员工号,姓名,所属机构号,岗位\nE1,甲,S11,客户经理\nE2,乙,B2,客户经理\n',
  'customer.csv': '客户号,客户名称,客户类型,所属机构号,管户客户经理号\nC1,客户一,小微企业,S11,E1\nC2,客户二,小微企业,B2,E2\n',
  'loan.csv':
    '数据日期,借据号,客户号,发放日期,贷款金额,贷款余额,五级分类,逾期天数,经办客户经理号,所属机构号\n' +
    '2024-06-30,O1,C1,2023-06-01,300000.00,300000.00,次级,45,E1,S11\n' +
    '2024-06-30,L9,C2,2023-01-01,700000.00,700000.00,正常,0,E2,B2\n' +
    '2024-07-31,N1,C1,2024-07-15,300000.00,300000.00,正常,0,E1,S11\n' +
    '2024-07-31,L9,C2,2023-01-01,700000.00,700000.00,正常,0,E2,B2\n',
};

let dir: string;
let db: Db;
const fen = (yuan: unknown) => Math.round((yuan as number) * 100);
const target = (org?: string) => resolveTarget(db, wholeBankScope(), org ? { org } : {});

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'renew-excl-'));
  db = openDb(path.join(dir, 'bank.sqlite'));
  for (const [name, body] of Object.entries(FILES)) {
    const file = path.join(dir, name);
    fs.writeFileSync(file, body);
    const r = await importFile(db, file, { username: 'test' });
    if (r.error) throw new Error(r.error);
  }
});

afterAll(() => {
  db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('剔除 of a confirmed 借新还旧', () => {
  it('adds O1’s 300,000 back to 逾期 and 不良 from N1’s issue on, in S11 and above only; the loan balance is unchanged', () => {
    runAndStore(db, '2024-07-01', '2024-07-31', 'manual');
    const alert = db.prepare("SELECT alert_id, effects FROM monitor_alert WHERE rule = 'loan.renew_to_repay'").get() as { alert_id: number; effects: string };
    expect(JSON.parse(alert.effects)).toEqual([
      { key: 'overdue_balance', from: '2024-07-15', to: '2024-07-31', org_id: 'S11', staff_id: 'E1', value: -300_000 },
      { key: 'npl_balance', from: '2024-07-15', to: '2024-07-31', org_id: 'S11', staff_id: 'E1', value: -300_000 },
    ]);
    // pending: 剔除 changes nothing
    expect(fen(readIndicators(db, '2024-07-31', target(), { excludeConfirmed: true }).overdue_balance)).toBe(0);
    decideAlert(db, wholeBankScope(), alert.alert_id, { status: 'confirmed' }, 'test');

    const raw = readIndicators(db, '2024-07-31', target());
    const cut = readIndicators(db, '2024-07-31', target(), { excludeConfirmed: true });
    expect(fen(raw.loan_balance)).toBe(100_000_000);
    expect(fen(raw.overdue_balance)).toBe(0);
    expect(fen(cut.loan_balance)).toBe(100_000_000);
    expect(fen(cut.overdue_balance)).toBe(30_000_000);
    expect(cut.overdue_ratio).toBeCloseTo(0.3, 12);
    expect(fen(cut.npl_balance)).toBe(30_000_000);
    expect(cut.npl_ratio).toBeCloseTo(0.3, 12);
    // S11 alone: 300,000 of its 300,000 → 1
    expect(readIndicators(db, '2024-07-31', target('S11'), { excludeConfirmed: true }).overdue_ratio).toBeCloseTo(1, 12);
    // B2 has nothing to do with it: 0 overdue either way
    expect(fen(readIndicators(db, '2024-07-31', target('B2'), { excludeConfirmed: true }).overdue_balance)).toBe(0);
    // 07-14, before N1: the 06-30 snapshot stands, O1 already counts as overdue there; nothing added twice
    expect(fen(readIndicators(db, '2024-07-14', target(), { excludeConfirmed: true }).overdue_balance)).toBe(30_000_000);
  });
});
