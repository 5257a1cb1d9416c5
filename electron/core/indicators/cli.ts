// `branch-console indicators` and `branch-console migration`: the same figures the dashboards
// read, for the bank's own tools (the JSON is a contract: issue 9).
import { parseArgs } from 'node:util';
import { openExistingDb } from '../db/connection.js';
import { isDay } from '../../../shared/dates.js';
import { INDICATORS, type IndicatorsResult } from '../../../shared/indicators.js';
import { cliScope } from '../scope/cli.js';
import { wholeBankScope } from '../scope/index.js';
import { readIndicators } from './read.js';
import { migrationMatrix } from './migration.js';
import { resolveTarget, type Target } from './target.js';
import type { Db } from '../db/connection.js';

type Out = { log: (s: string) => void; err: (s: string) => void };

function day(v: string | undefined, flag: string): string {
  if (v === undefined || v === '') throw new Error(`缺少参数 ${flag} (missing ${flag})`);
  if (!isDay(v)) throw new Error(`${flag} 应为 YYYY-MM-DD 且确有其日：${v} (not a date)`);
  return v;
}

/** --org or --staff (not both), checked against what is loaded. */
function cliTarget(db: Db, org: string | undefined, staff: string | undefined): Target {
  if (org !== undefined && staff !== undefined) throw new Error('--org 与 --staff 只能选一个 (give --org or --staff, not both)');
  if (staff !== undefined) {
    if (db.prepare('SELECT 1 FROM staff WHERE staff_id = ?').get(staff) === undefined) {
      throw new Error(`--staff：员工 ${staff} 不存在（未导入员工文件或员工号有误） (no such staff member)`);
    }
    return resolveTarget(db, wholeBankScope(), { staff });
  }
  return resolveTarget(db, cliScope(db, org), {});
}

export async function indicatorsCmd(argv: string[], out: Out): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: 'string' },
      date: { type: 'string' },
      org: { type: 'string' },
      staff: { type: 'string' },
      json: { type: 'boolean' },
      'exclude-confirmed': { type: 'boolean' },
    },
  });
  if (!values.db) throw new Error('缺少参数 --db (missing --db)');
  const date = day(values.date, '--date');
  const excludeConfirmed = values['exclude-confirmed'] === true;
  const db = openExistingDb(values.db);
  try {
    const target = cliTarget(db, values.org, values.staff);
    const result: IndicatorsResult = { date, scope: { type: target.type, id: target.id }, indicators: readIndicators(db, date, target, { excludeConfirmed }) };
    if (values.json) {
      // 剔除 figures say so, beside the raw ones (issue 10): the raw set stays under `indicators`
      if (excludeConfirmed) out.log(JSON.stringify({ ...result, indicators: readIndicators(db, date, target), excluded: result.indicators }));
      else out.log(JSON.stringify(result));
      return 0;
    }
    out.log(`${target.name} ${date}`);
    for (const m of INDICATORS) out.log(`${m.zh}\t${m.key}\t${text(result.indicators[m.key], m.unit)}`);
    return 0;
  } finally {
    db.close();
  }
}

/** For reading only; the JSON carries the exact figures. */
function text(v: unknown, unit: string): string {
  if (v === null || v === undefined) return '-';
  if (typeof v === 'object') return Object.entries(v as Record<string, unknown>).map(([k, x]) => `${k}=${text(x, unit.replace('map_', ''))}`).join(' ');
  if (unit === 'ratio') return `${((v as number) * 100).toFixed(2)}%`;
  if (unit === 'yuan') return (v as number).toFixed(2);
  return String(v);
}

export async function migrationCmd(argv: string[], out: Out): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { db: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, org: { type: 'string' }, staff: { type: 'string' }, json: { type: 'boolean' } },
  });
  if (!values.db) throw new Error('缺少参数 --db (missing --db)');
  const from = day(values.from, '--from');
  const to = day(values.to, '--to');
  const db = openExistingDb(values.db);
  try {
    const target = cliTarget(db, values.org, values.staff);
    const m = migrationMatrix(db, from, to, target);
    if (values.json) {
      out.log(JSON.stringify({ from: m.from, to: m.to, matrix: m.matrix }));
      return 0;
    }
    const cols = Object.keys(Object.values(m.matrix)[0] ?? {});
    out.log(`${target.name} 五级分类迁徙 ${m.fromSnapshot ?? '-'} → ${m.toSnapshot ?? '-'}（余额 元 / 笔数）`);
    out.log(['', ...cols].join('\t'));
    for (const [row, cells] of Object.entries(m.matrix)) out.log([row, ...cols.map((c) => `${cells[c].balance.toFixed(2)}/${cells[c].count}`)].join('\t'));
    return 0;
  } finally {
    db.close();
  }
}
