// `branch-console report`: the same documents as the app's buttons (report/index.ts), for the bank's
// own scheduler (a bulletin every morning after the daily import) or a period's book. The command
// line runs as whoever can open the database file: the whole bank, or --org inside it.
import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { withAuditOrigin, audit } from '../audit/index.js';
import { openExistingDb, type Db } from '../db/connection.js';
import { DOCUMENT_FORMATS, type DocumentFormat } from '../documents/dashboard.js';
import { cliDay, cliTarget } from '../indicators/cli-args.js';
import { cliScope, wholeBankScope } from '../scope/index.js';
import { assessmentDocument, bulletinDocument, checkIndicator, rankingDocument, REPORT_KINDS, streamAssessmentXlsx, type ReportKind } from './index.js';

type Out = { log: (s: string) => void; err: (s: string) => void };

export const REPORT_USAGE =
  'branch-console report --db FILE --kind assessment|ranking|bulletin (--period 2024-07|2024Q3|2024 | --date YYYY-MM-DD) [--org ORG | --staff STAFF] [--indicator ID|total] [--type org|staff] [--lang zh|en] --format pdf|xlsx --out FILE [--user NAME]';

class ReportArgError extends Error {
  constructor(zh: string, en: string) {
    super(`${zh} (${en})\n用法 / usage: ${REPORT_USAGE}`);
  }
}

function need(v: string | undefined, flag: string): string {
  if (v === undefined || v === '') throw new ReportArgError(`缺少参数 ${flag}`, `missing ${flag}`);
  return v;
}

/** Writes under a temporary name first: a failed run never leaves half a file under the asked name. */
async function writeAtomically(outFile: string, write: (tmp: string) => Promise<void>): Promise<number> {
  const tmp = `${outFile}.${process.pid}.tmp`;
  try {
    await write(tmp);
    fs.renameSync(tmp, outFile);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  return fs.statSync(outFile).size;
}

export async function reportCmd(argv: string[], out: Out): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: 'string' },
      kind: { type: 'string' },
      period: { type: 'string' },
      date: { type: 'string' },
      org: { type: 'string' },
      staff: { type: 'string' },
      indicator: { type: 'string' },
      type: { type: 'string' },
      level: { type: 'string' },
      lang: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      user: { type: 'string' },
    },
  });
  const dbFile = need(values.db, '--db');
  const kind = need(values.kind, '--kind');
  if (!(REPORT_KINDS as readonly string[]).includes(kind)) throw new ReportArgError(`--kind 应为 ${REPORT_KINDS.join('、')} 之一：${kind}`, 'unknown kind');
  const format = need(values.format, '--format');
  if (!(DOCUMENT_FORMATS as readonly string[]).includes(format)) throw new ReportArgError(`--format 应为 pdf 或 xlsx：${format}`, 'format: pdf or xlsx');
  const outFile = path.resolve(need(values.out, '--out'));
  const ext = path.extname(outFile).slice(1).toLowerCase();
  if ((DOCUMENT_FORMATS as readonly string[]).includes(ext) && ext !== format) throw new ReportArgError(`--out 的扩展名 .${ext} 与 --format ${format} 矛盾`, '--out and --format disagree');
  const lang = values.lang ?? 'zh';
  if (lang !== 'zh' && lang !== 'en') throw new ReportArgError(`--lang 应为 zh 或 en：${lang}`, 'lang: zh or en');
  if (values.org !== undefined && values.staff !== undefined) throw new ReportArgError('--org 与 --staff 只能选一个', 'give --org or --staff, not both');
  if (kind === 'bulletin') {
    if (values.period !== undefined) throw new ReportArgError('业务通报按数据日期生成：用 --date，不用 --period', 'a bulletin takes --date, not --period');
    cliDay(values.date, '--date');
  } else {
    if (values.date !== undefined) throw new ReportArgError('考核文件按考核期生成：用 --period，不用 --date', 'assessment documents take --period, not --date');
    need(values.period, '--period');
  }
  if (kind !== 'ranking' && (values.indicator !== undefined || values.type !== undefined || values.level !== undefined)) {
    throw new ReportArgError('--indicator、--type、--level 只用于 --kind ranking', '--indicator, --type and --level are for --kind ranking only');
  }
  if (kind === 'ranking' && values.staff !== undefined) throw new ReportArgError('排名不按员工生成：用 --type staff 排员工', 'a ranking takes --type staff, not --staff');
  const user = values.user ?? 'cli';
  const db = openExistingDb(dbFile);
  try {
    const started = performance.now();
    const done = await run(db, kind as ReportKind, format as DocumentFormat, lang, user, outFile, values);
    await withAuditOrigin({ source: 'cli', client: null }, () =>
      audit(db, { username: user, action: 'export', target: `report.${kind}.${format}`, detail: { ...done.detail, lang, file: outFile, bytes: done.bytes } }),
    );
    out.log(`已生成 ${done.what}：${outFile}，${done.bytes} 字节，用时 ${Math.round(performance.now() - started)} ms`);
    return 0;
  } finally {
    db.close();
  }
}

type Values = { period?: string; date?: string; org?: string; staff?: string; indicator?: string; type?: string; level?: string };

async function run(db: Db, kind: ReportKind, format: DocumentFormat, lang: 'zh' | 'en', user: string, outFile: string, v: Values): Promise<{ what: string; bytes: number; detail: Record<string, unknown> }> {
  if (kind === 'bulletin') {
    const target = cliTarget(db, v.org, v.staff);
    const doc = await bulletinDocument(db, { date: v.date!, target, lang, format, user });
    const bytes = await writeAtomically(outFile, async (tmp) => fs.writeFileSync(tmp, doc.body));
    return { what: `${doc.data.title}（${target.name}，${doc.data.date}）`, bytes, detail: { date: doc.data.date, target: { type: target.type, id: target.id, name: target.name } } };
  }
  if (kind === 'ranking') {
    const type = v.type ?? 'org';
    if (type !== 'org' && type !== 'staff') throw new ReportArgError(`--type 应为 org 或 staff：${type}`, 'type: org or staff');
    const indicator = checkIndicator(v.indicator ?? 'total');
    const doc = await rankingDocument(db, { period: v.period!, scope: cliScope(db, v.org), indicator, type, level: v.level, lang, format, user });
    const bytes = await writeAtomically(outFile, async (tmp) => fs.writeFileSync(tmp, doc.body));
    return { what: `排名（${v.period}，${indicator}，${doc.rows.length} 个对象）`, bytes, detail: { period: v.period, indicator, type, rows: doc.rows.length } };
  }
  // assessment: one sheet with --org/--staff, else the whole book, streamed when it is a workbook
  const req = { period: v.period!, scope: wholeBankScope(), org: v.org, staff: v.staff, all: v.org === undefined && v.staff === undefined, lang, user };
  if (format === 'xlsx') {
    let sheets = 0;
    let period = '';
    const bytes = await writeAtomically(outFile, async (tmp) => {
      const sink = fs.createWriteStream(tmp);
      const r = await streamAssessmentXlsx(db, req, sink);
      if (!sink.writableFinished) await once(sink, 'finish');
      sheets = r.result.sheets.length;
      period = r.result.period;
    });
    return { what: `考核表（${period}，${sheets} 张）`, bytes, detail: { period, org: v.org ?? null, staff: v.staff ?? null, sheets } };
  }
  const doc = await assessmentDocument(db, { ...req, format });
  const bytes = await writeAtomically(outFile, async (tmp) => fs.writeFileSync(tmp, doc.body));
  return { what: `考核表（${doc.result.period}，${doc.result.sheets.length} 张）`, bytes, detail: { period: doc.result.period, org: v.org ?? null, staff: v.staff ?? null, sheets: doc.result.sheets.length } };
}
