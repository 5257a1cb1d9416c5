// The small demo bank, generated and imported once per test file, and the targets the drill
// tests walk: the bank, a 支行, a 分理处 below it, and staff members.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDb, type Db } from '../../../electron/core/db/connection.js';
import { importPaths } from '../../../electron/core/import/index.js';
import { resolveTarget, type Target } from '../../../electron/core/indicators/index.js';
import { scopeOfOrg, wholeBankScope } from '../../../electron/core/scope/index.js';
import { generateDemoBank } from '../../../seeds/index.js';

export const DATE = '2024-07-31';
export const BRANCH = 'QZ100'; // 鲤城支行
export const SUB = 'QZ102'; // 江南分理处, below it

export interface DemoBank {
  dir: string;
  db: Db;
  close(): void;
}

export async function demoBank(): Promise<DemoBank> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drill-demo-'));
  const seed = await generateDemoBank({ outDir: path.join(dir, 'exports'), scale: 'small' });
  const db = openDb(path.join(dir, 'bank.sqlite'));
  for (const r of await importPaths(db, seed.files)) if (r.error) throw new Error(`${r.file}: ${r.error}`);
  return { dir, db, close: () => (db.close(), fs.rmSync(dir, { recursive: true, force: true })) };
}

/** The staff member naming the most loans of the date (so the staff lists are not empty), found by SQL. */
export function busyStaff(db: Db, orgIn?: string): string {
  return db
    .prepare(
      `SELECT l.manager_id FROM loan l JOIN staff s ON s.staff_id = l.manager_id
        WHERE l.data_date = ? ${orgIn ? 'AND s.org_id = ?' : ''} GROUP BY l.manager_id ORDER BY COUNT(*) DESC, l.manager_id LIMIT 1`,
    )
    .pluck()
    .get(...(orgIn ? [DATE, orgIn] : [DATE])) as string;
}

export function targets(db: Db): { label: string; target: Target }[] {
  const bank = wholeBankScope();
  const staff = busyStaff(db);
  const branchStaff = busyStaff(db, BRANCH);
  return [
    { label: 'bank', target: resolveTarget(db, bank) },
    { label: `支行 ${BRANCH}`, target: resolveTarget(db, bank, { org: BRANCH }) },
    { label: `分理处 ${SUB}`, target: resolveTarget(db, bank, { org: SUB }) },
    { label: `staff ${staff}`, target: resolveTarget(db, bank, { staff }) },
    // a staff member seen from their 支行's scope: their rows inside its orgs only
    { label: `staff ${branchStaff} in ${BRANCH}`, target: resolveTarget(db, scopeOfOrg(db, BRANCH), { staff: branchStaff }) },
  ];
}
