// A small bank for the monitoring API tests, imported through the real importer, and a way to
// plant an alert where a test needs one to act on (the permission walk's route-calls.ts).
//
//   H 总行 ── B1 支行 ── S11 分理处
//          └─ B2 支行
// June 2024, daily deposit snapshots (tests/unit/monitoring/rules-deposit.test.ts works the same
// figures out): D1 of E1 at S11 holds 1,000,000 元 and 1,100,000 on 06-30; D2 of E2 at B1
// 3,000,000; D3 of E3 at B2 500,000 and 515,000 on 06-30.
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../../electron/core/db/connection.js';
import type { AlertEffect } from '../../../shared/monitoring.js';
import { importPaths } from '../../../electron/core/import/index.js';
import { addDays } from '../../../shared/dates.js';

export const ORGS = '机构号,机构名称,上级机构号,机构层级\nH,总行,,总行\nB1,一支行,H,支行\nS11,一分理处,B1,分理处\nB2,二支行,H,支行\n';
export const STAFF = '员工号,姓名,所属机构号,岗位\nE1,甲,S11,客户经理\nE2,乙,B1,客户经理\nE3,丙,B2,客户经理\n';
export const CUSTOMERS = '客户号,客户名称,所属机构号,管户客户经理号\nC1,客户一,S11,E1\nC2,客户二,B1,E2\nC3,客户三,B2,E3\n';

/** Daily deposit rows from `from` to `to` (balances in 元 by day). */
export function depositCsv(from: string, to: string, d1: (day: string) => number = (d) => (d === '2024-06-30' ? 1_100_000 : 1_000_000)): string {
  let csv = '数据日期,账号,客户号,存款种类,账户余额,所属机构号,归属客户经理号\n';
  for (let d = from; d <= to; d = addDays(d, 1)) {
    csv += `${d},D1,C1,活期,${d1(d).toFixed(2)},S11,E1\n`;
    csv += `${d},D2,C2,定期,3000000.00,B1,E2\n`;
    csv += `${d},D3,C3,活期,${(d === '2024-06-30' ? 515_000 : 500_000).toFixed(2)},B2,E3\n`;
  }
  return csv;
}

/** Imports the bank's files (org, staff, customers, June's deposits) from `dir`. */
export async function importBank(db: Db, dir: string): Promise<void> {
  const files = { 'org.csv': ORGS, 'staff.csv': STAFF, 'customer.csv': CUSTOMERS, 'deposit.csv': depositCsv('2024-06-01', '2024-06-30') };
  const paths = Object.entries(files).map(([name, text]) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, text);
    return p;
  });
  for (const r of await importPaths(db, paths)) if (r.error) throw new Error(`${r.file}: ${r.error}`);
}

/** A pending alert of `org`/`staff` with a unique subject; returns its id. Only for tests that act on an alert. */
export function plantAlert(db: Db, subject: string, org: string | null, staff: string | null, effects: AlertEffect[] = []): number {
  const now = new Date().toISOString();
  return Number(
    db
      .prepare(
        `INSERT INTO monitor_alert (rule, family, rule_version, subject_type, subject_id, period, org_id, staff_id, score, summary, evidence, evidence_hash, effects, first_seen, last_seen)
         VALUES ('card.bulk_issue', 'card', 0, 'staff', ?, '2024-07', ?, ?, 60, '测试预警', '[]', 'h', ?, ?, ?)`,
      )
      .run(subject, org, staff, JSON.stringify(effects), now, now).lastInsertRowid,
  );
}
