// What the figure commands (indicators, migration, dashboard, monitor) read from their arguments,
// written once: a day, and whose figures (--org or --staff, checked against what is loaded).
import type { Db } from '../db/connection.js';
import { isDay } from '../../../shared/dates.js';
import { cliScope } from '../scope/cli.js';
import { wholeBankScope } from '../scope/index.js';
import { resolveTarget, type Target } from './target.js';

export function cliDay(v: string | undefined, flag: string): string {
  if (v === undefined || v === '') throw new Error(`缺少参数 ${flag} (missing ${flag})`);
  if (!isDay(v)) throw new Error(`${flag} 应为 YYYY-MM-DD 且确有其日：${v} (not a date)`);
  return v;
}

/** --org or --staff (not both); the command line sees the whole bank. */
export function cliTarget(db: Db, org: string | undefined, staff: string | undefined): Target {
  if (org !== undefined && staff !== undefined) throw new Error('--org 与 --staff 只能选一个 (give --org or --staff, not both)');
  if (staff !== undefined) {
    if (db.prepare('SELECT 1 FROM staff WHERE staff_id = ?').get(staff) === undefined) {
      throw new Error(`--staff：员工 ${staff} 不存在（未导入员工文件或员工号有误） (no such staff member)`);
    }
    return resolveTarget(db, wholeBankScope(), { staff });
  }
  return resolveTarget(db, cliScope(db, org), {});
}
