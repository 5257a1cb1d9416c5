// `branch-console indicators` and `branch-console migration`: the same figures the dashboards
// read, for the bank's own tools (the JSON is a contract: issue 9).
import { parseArgs } from 'node:util';
import { openExistingDb } from '../db/connection.js';
import { INDICATORS, type IndicatorsResult } from '../../../shared/indicators.js';
import { readIndicators } from './read.js';
import { migrationMatrix } from './migration.js';
import { cliDay, cliTarget } from './cli-args.js';

type Out = { log: (s: string) => void; err: (s: string) => void };

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
  const date = cliDay(values.date, '--date');
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
  const from = cliDay(values.from, '--from');
  const to = cliDay(values.to, '--to');
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
