// What an import batch reaches for the rules (monitoring/runs.ts batchReach): a deposit or loan
// batch reaches back to the start of the month before its first day (that month's end is judged on
// these days: window dressing gone, a period-end loan repaid), a 收单 batch its first day, an
// undated file the latest month (from: null), a dataset no rule reads nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../../electron/core/db/connection.js';
import { importFile } from '../../../electron/core/import/index.js';
import { batchReach } from '../../../electron/core/monitoring/runs.js';

let dir: string;
let db: Db;
async function load(name: string, body: string): Promise<number> {
  const file = path.join(dir, name);
  fs.writeFileSync(file, body);
  const r = await importFile(db, file, { username: 'test' });
  if (r.error) throw new Error(r.error);
  return r.batchId!;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'batch-reach-'));
  db = openDb(path.join(dir, 'bank.sqlite'));
  await load('org.csv', '机构号,机构名称,上级机构号,机构层级\nH,总行,,总行\n');
});
afterAll(() => {
  db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('batchReach', () => {
  it('deposits of 08-01..08-03 reach July (whose month end they judge); 08-20 still only July', async () => {
    const b = await load('deposit.csv', '数据日期,账号,客户号,存款种类,账户余额\n2024-08-03,D1,C1,活期,10.00\n2024-08-01,D1,C1,活期,10.00\n');
    expect(batchReach(db, b)).toEqual({ from: '2024-07-01' });
    const c = await load('deposit2.csv', '数据日期,账号,客户号,存款种类,账户余额\n2024-08-20,D1,C1,活期,10.00\n');
    expect(batchReach(db, c)).toEqual({ from: '2024-07-01' });
  });
  it('loans of 2025-01-31 reach back across the year to 2024-12-01', async () => {
    const b = await load('loan.csv', '数据日期,借据号,客户号,发放日期,贷款金额,贷款余额\n2025-01-31,L1,C1,2024-06-01,100.00,100.00\n');
    expect(batchReach(db, b)).toEqual({ from: '2024-12-01' });
  });
  it('收单 of 08-05 14:00 reaches its own first day; the org file the latest month', async () => {
    const b = await load('acq_txn.csv', '交易流水号,商户号,交易时间,交易金额\nT1,M1,2024-08-05 14:00:00,10.00\n');
    expect(batchReach(db, b)).toEqual({ from: '2024-08-05' });
    const org = db.prepare("SELECT batch_id FROM import_batch WHERE dataset = 'org'").pluck().get() as number;
    expect(batchReach(db, org)).toEqual({ from: null });
  });
});
