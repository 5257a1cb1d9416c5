// `branch-console dashboard`: a whole dashboard to a PDF or XLSX file, by the same code path as
// the app's export button (dashboardDocument). The command line runs as whoever can open the
// database file: the whole bank, or --org / --staff inside it.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isDay } from '../../../shared/dates.js';
import { withAuditOrigin, audit } from '../audit/index.js';
import { openExistingDb } from '../db/connection.js';
import { cliTarget } from '../indicators/cli-args.js';
import { dashboardDocument, DOCUMENT_FORMATS, type DocumentFormat } from './dashboard.js';

type Out = { log: (s: string) => void; err: (s: string) => void };

export const DASHBOARD_USAGE =
  'branch-console dashboard --db FILE --id ID --date YYYY-MM-DD [--base KIND|YYYY-MM-DD] [--org ORG | --staff STAFF] [--lang zh|en] --format pdf|xlsx --out FILE [--user NAME]';

function need(v: string | undefined, flag: string): string {
  if (v === undefined || v === '') throw new Error(`缺少参数 ${flag} (missing ${flag})\n用法 / usage: ${DASHBOARD_USAGE}`);
  return v;
}


export async function dashboardCmd(argv: string[], out: Out): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: 'string' },
      id: { type: 'string' },
      date: { type: 'string' },
      base: { type: 'string' },
      org: { type: 'string' },
      staff: { type: 'string' },
      lang: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      user: { type: 'string' },
    },
  });
  const dbFile = need(values.db, '--db');
  const id = need(values.id, '--id');
  const date = need(values.date, '--date');
  if (!isDay(date)) throw new Error(`--date 应为 YYYY-MM-DD 且确有其日：${date} (not a date)`);
  const format = need(values.format, '--format');
  if (!(DOCUMENT_FORMATS as readonly string[]).includes(format)) throw new Error(`--format 应为 pdf 或 xlsx：${format}`);
  const lang = values.lang ?? 'zh';
  if (lang !== 'zh' && lang !== 'en') throw new Error(`--lang 应为 zh 或 en：${lang}`);
  const outFile = path.resolve(need(values.out, '--out'));
  const user = values.user ?? 'cli';
  const db = openExistingDb(dbFile);
  try {
    const started = performance.now();
    const target = cliTarget(db, values.org, values.staff);
    const doc = await dashboardDocument(db, { id, date, base: values.base, target, lang, format: format as DocumentFormat, user });
    // written to a temporary name first: a failed run never leaves half a file under the asked name
    const tmp = `${outFile}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, doc.body);
    fs.renameSync(tmp, outFile);
    await withAuditOrigin({ source: 'cli', client: null }, () =>
      audit(db, {
        username: user,
        action: 'export',
        target: `dashboard.${doc.spec.id}.${doc.format}`,
        detail: { dashboard: doc.spec.title, date: doc.spec.date, base: doc.spec.base, target: { type: target.type, id: target.id, name: target.name }, lang, file: outFile, bytes: doc.body.length },
      }),
    );
    const ms = Math.round(performance.now() - started);
    out.log(`已导出 ${doc.spec.title}（${target.name}，${date}）：${outFile}，${doc.body.length} 字节，用时 ${ms} ms`);
    if (doc.spec.empty) out.err(doc.spec.empty);
    return 0;
  } finally {
    db.close();
  }
}
