// The 360 view and customerItems must stay fast on a bank of 300k customers: every query they
// run seeks by an indexed key. This records the SQL they prepare and checks each plan.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '../../../../electron/core/db/connection.js';
import { customer360 } from '../../../../electron/core/crm/customer360.js';
import { customerItems } from '../../../../electron/core/crm/holdings-items.js';
import { quickCheck } from '../../../../electron/core/crm/quick-check.js';
import { D, tempBank } from './bank.js';
import { wholeBankScope, type Scope } from '../../../../electron/core/scope/index.js';
const ALL = wholeBankScope();
/** a branch user's scope (bank.ts: every customer is of B1) and a 客户经理 limited to their own */
const BRANCH: Scope = { orgIds: ['B1'], rootOrg: 'B1', managerId: null };
const OWN: Scope = { orgIds: ['B1'], rootOrg: 'B1', managerId: 'S1' };

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
    for (const scope of [ALL, BRANCH, OWN]) {
      expect(customer360(db, 'C01', scope, { date: D, reveal: false })).not.toBeNull();
      expect(quickCheck(db, 'C01', scope, { date: D })).not.toBeNull();
    }
    customerItems(db, 'C01', D);
  });
  const data = sqls.filter((s) => /\b(deposit|loan|card|signing|merchant|visit|referral|customer|staff|org|grid)\b/.test(s) && !/^\s*SELECT value FROM setting/.test(s));
  expect(data.length).toBeGreaterThan(12);
  for (const sql of data) {
    const params: unknown[] = (sql.match(/\?/g) ?? []).map(() => 'x');
    const named = [...new Set(sql.match(/@\w+/g) ?? [])].map((n) => n.slice(1));
    if (named.length) params.push(Object.fromEntries(named.map((n) => [n, n === 'scope_orgs' ? '["B1"]' : 'x'])));
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail);
    // the scope's org list (json_each of a few org ids) is read whole once: that is not a table scan
    expect({ sql, scans: plan.filter((p) => /^SCAN /.test(p) && !/^SCAN json_each\b/.test(p)) }).toEqual({ sql, scans: [] });
    // a snapshot table read for one customer goes through the customer's index, not the whole day
    if (/FROM (deposit|loan)\b/.test(sql) && /cust_id = [?@]/.test(sql)) {
      expect(plan.join('\n'), sql).toMatch(/USING (COVERING )?INDEX (deposit_cust|loan_cust) \(cust_id=\? AND data_date/);
    }
  }
});
