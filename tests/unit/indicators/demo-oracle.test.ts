// Every DATA.md indicator key of the indicators module against the independent SQL of oracle.ts,
// on the demo bank (a real seed, imported through the real importer): the bank, a 支行, a 分理处
// and a staff member, at the month end, mid-month, and on a date whose month has no 收单 or
// 走访 files and whose snapshots are carried from earlier dates.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoBank } from '../../../electron/core/first-run.js';
import { openDb, type Db } from '../../../electron/core/db/connection.js';
import { readIndicators, readIndicatorsBy, resolveTarget } from '../../../electron/core/indicators/index.js';
import { wholeBankScope } from '../../../electron/core/scope/index.js';
import { oracle } from './oracle.js';

let dir: string;
let db: Db;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ind-demo-'));
  await seedDemoBank({ outDir: path.join(dir, 'exports'), dbFile: path.join(dir, 'bank.sqlite'), scale: 'small' });
  db = openDb(path.join(dir, 'bank.sqlite'));
}, 120_000);

afterAll(() => {
  db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A staff member named by loan rows of the demo bank (经办客户经理), whatever the seed picked. */
function someLoanManager(): string {
  return db.prepare("SELECT manager_id FROM loan WHERE data_date = '2024-07-31' AND manager_id IS NOT NULL GROUP BY manager_id ORDER BY COUNT(*) DESC, manager_id LIMIT 1").pluck().get() as string;
}

describe('indicators against plain SQL over the raw rows', () => {
  const dates = ['2024-07-31', '2024-07-15', '2024-06-20'];
  const targets = () => [
    { name: 'bank', q: {}, o: { org: null, staff: null } },
    { name: '支行 QZ100', q: { org: 'QZ100' }, o: { org: 'QZ100', staff: null } },
    { name: '分理处 QZ101', q: { org: 'QZ101' }, o: { org: 'QZ101', staff: null } },
    { name: 'staff', q: { staff: someLoanManager() }, o: { org: null, staff: someLoanManager() } },
  ];
  for (const date of dates) {
    it(`every key on ${date}`, () => {
      for (const t of targets()) {
        const got = readIndicators(db, date, resolveTarget(db, wholeBankScope(), t.q));
        const want = oracle(db, date, t.o);
        for (const [key, value] of Object.entries(want)) expect({ target: t.name, key, value: got[key] }).toEqual({ target: t.name, key, value });
      }
    });
  }

  it('the demo bank has something in every family, so the comparison means something', () => {
    const got = readIndicators(db, '2024-07-31', resolveTarget(db, wholeBankScope(), {}));
    for (const k of ['deposit_balance', 'loan_balance', 'loan_customers', 'npl_balance', 'overdue_balance', 'intermediate_active_customers', 'high_quality_merchants', 'effective_merchants', 'acq_txn_count', 'credit_cards_issued', 'visits', 'visited_customers']) {
      expect(got[k], k).toBeGreaterThan(0);
    }
  });

  it('the children of the bank add up to the bank, in 分, for every additive key', () => {
    const bank = readIndicators(db, '2024-07-31', resolveTarget(db, wholeBankScope(), {}));
    const kids = readIndicatorsBy(db, '2024-07-31', resolveTarget(db, wholeBankScope(), {}), 'children');
    expect(kids.length).toBe(8);
    // (日均 is rounded to 分 per org, so children's averages may differ from the bank's by a few 分: not additive)
    for (const k of ['deposit_balance', 'loan_balance', 'npl_balance', 'acq_txn_amount']) {
      const fen = kids.reduce((s, c) => s + BigInt(Math.round((c.indicators[k] as number) * 100)), 0n);
      expect({ k, fen }).toEqual({ k, fen: BigInt(Math.round((bank[k] as number) * 100)) });
    }
    for (const k of ['customers', 'merchants', 'credit_cards_issued', 'visits']) {
      expect(kids.reduce((s, c) => s + (c.indicators[k] as number), 0)).toBe(bank[k]);
    }
  });
});
