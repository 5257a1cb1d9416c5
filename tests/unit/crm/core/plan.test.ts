// The 360 view and customerItems must stay fast on a bank of 300k customers: every query they
// run seeks by an indexed key. This records the SQL they prepare and checks each plan.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '../../../../electron/core/db/connection.js';
import { customer360 } from '../../../../electron/core/crm/customer360.js';
import { customerItems } from '../../../../electron/core/crm/holdings-items.js';
import { quickCheck } from '../../../../electron/core/crm/quick-check.js';
import { D, tempBank } from './bank.js';

let bank: ReturnType<typeof tempBank>;
let db: Db;
beforeAll(() => {
  bank = tempBank();
  db = bank.db;
});
afterAll(() => bank.close());

function recordSql(run: () => void): string[] {
  const seen = new Set<string>();
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    seen.add(sql);
    return prepare(sql);
  }) as Db['prepare'];
  try {
    run();
  } finally {
    db.prepare = prepare as Db['prepare'];
  }
  return [...seen];
}

it('every query of customer360, quickCheck and customerItems seeks by an index', () => {
  const sqls = recordSql(() => {
    customer360(db, 'C01', { date: D, reveal: false });
    quickCheck(db, 'C01', { date: D });
    customerItems(db, 'C01', D);
  });
  const data = sqls.filter((s) => /\b(deposit|loan|card|signing|merchant|visit|referral|customer|staff|org|grid)\b/.test(s) && !/^\s*SELECT value FROM setting/.test(s));
  expect(data.length).toBeGreaterThan(12);
  for (const sql of data) {
    const params = (sql.match(/\?/g) ?? []).map(() => 'x');
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail);
    expect({ sql, scans: plan.filter((p) => /^SCAN /.test(p)) }).toEqual({ sql, scans: [] });
    // a snapshot table read for one customer goes through the customer's index, not the whole day
    if (/FROM (deposit|loan)\b/.test(sql) && /cust_id = \?/.test(sql)) {
      expect(plan.join('\n'), sql).toMatch(/USING (COVERING )?INDEX (deposit_cust|loan_cust) \(cust_id=\? AND data_date/);
    }
  }
});
