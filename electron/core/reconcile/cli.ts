// `branch-console reconcile`: the comparison of a date's official figures with the console's, and
// optionally a sheet of official figures imported first (checked whole, audited as the command
// line). The JSON is GET /api/reconcile's.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isDay } from '../../../shared/dates.js';
import { INDICATOR_BY_KEY } from '../../../shared/indicators.js';
import { RECONCILE_STATUS_LABELS, type ReconcileResult } from '../../../shared/reconcile.js';
import { withAuditOrigin } from '../audit/index.js';
import { openExistingDb } from '../db/connection.js';
import { cliScope } from '../scope/cli.js';
import { reconcile } from './compare.js';
import { importSheet, SheetError, issueText } from './sheet.js';

type Out = { log: (s: string) => void; err: (s: string) => void };

export async function reconcileCmd(argv: string[], out: Out): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: 'string' },
      date: { type: 'string' },
      org: { type: 'string' },
      import: { type: 'string' },
      source: { type: 'string' },
      user: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  if (!values.db) throw new Error('缺少参数 --db (missing --db)');
  if (values.date !== undefined && !isDay(values.date)) throw new Error(`--date 应为 YYYY-MM-DD 且确有其日：${values.date} (not a date)`);
  if (values.import !== undefined && values.date === undefined) throw new Error('--import 需要 --date（表中没有数据日期的行记为该日） (--import needs --date)');
  const db = openExistingDb(values.db);
  try {
    const scope = cliScope(db, values.org);
    if (values.import !== undefined) {
      const file = values.import;
      try {
        const r = await withAuditOrigin({ source: 'cli', client: null }, () =>
          importSheet(db, scope, file, { fileName: path.basename(file), date: values.date!, source: values.source, username: values.user ?? 'cli' }),
        );
        if (!values.json) out.log(`已导入对账数字 ${r.stored} 个：${r.file}（批次 ${r.batch}）`);
      } catch (e) {
        if (!(e instanceof SheetError)) throw e;
        out.err('对账表未导入，未保存任何数字：');
        for (const i of e.issues) out.err(`  ${issueText(i)}`);
        return 1;
      }
    }
    const result = reconcile(db, scope, values.date);
    if (values.json) out.log(JSON.stringify(result));
    else for (const line of lines(result)) out.log(line);
    return 0;
  } finally {
    db.close();
  }
}

function lines(r: ReconcileResult): string[] {
  if (r.date === null) return ['尚无数据，也没有对账数字。'];
  const head = `对账 ${r.date}：不一致 ${r.counts.differ}，控制台无数据 ${r.counts.no_data}，一致 ${r.counts.match}`;
  if (r.restricted) return [head, r.restricted];
  return [
    head,
    ...r.rows.map((x) =>
      [RECONCILE_STATUS_LABELS[x.status].zh, x.orgId, x.orgName, INDICATOR_BY_KEY.get(x.key)?.zh ?? x.key, `报表 ${x.value}`, `控制台 ${x.console ?? '-'}`, `差额 ${x.diff ?? '-'}`, x.source].join('\t'),
    ),
  ];
}
