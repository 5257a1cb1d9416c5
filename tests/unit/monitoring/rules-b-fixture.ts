// Hand-built banks for the card, merchant and e-banking rule tests: a fresh database (migrations
// run) and rows inserted as the importer would store them (money in 分, empty values as NULL).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDb, type Db } from '../../../electron/core/db/connection.js';
import type { Finding, RuleDef, RunPeriod } from '../../../electron/core/monitoring/rule.js';

export interface Bank {
  db: Db;
  close(): void;
}

export function freshBank(): Bank {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rules-b-'));
  const db = openDb(path.join(dir, 'bank.sqlite'));
  db.prepare("INSERT INTO org (org_id, name, parent_id, level) VALUES ('H', '总行', NULL, '总行'), ('B1', '一支行', 'H', '支行'), ('B2', '二支行', 'H', '支行')").run();
  return {
    db,
    close() {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function insert(db: Db, table: string, row: Record<string, unknown>): void {
  const keys = Object.keys(row);
  db.prepare(`INSERT INTO ${table} (${keys.join(', ')}) VALUES (${keys.map((k) => '@' + k).join(', ')})`).run(row);
}

export function customer(db: Db, id: string, more: Record<string, unknown> = {}): void {
  insert(db, 'customer', { cust_id: id, name: `客户${id}`, cust_type: '个人', org_id: 'B1', ...more });
}

/** The rule with its defaults, overridden by `params`. */
export function run(def: RuleDef, db: Db, period: RunPeriod, params: Record<string, number> = {}): Finding[] {
  const values = Object.fromEntries(def.params.map((p) => [p.key, p.default]));
  return def.run({ db, period, params: { ...values, ...params } });
}

export const JULY: RunPeriod = { from: '2024-07-01', to: '2024-07-31' };
