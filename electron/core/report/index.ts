// The report module (issue 12): 业务通报 and the assessment documents as XLSX and PDF, by one code
// path for the app's buttons (report-routes.ts), the desktop print and the `report` command.
// See docs/ARCHITECTURE.md "Reports".
import { shanghaiDateTime } from '../../../shared/dates.js';
import type { Db } from '../db/connection.js';
import { CONTENT_TYPES, DOCUMENT_FORMATS, type DocumentFormat } from '../documents/dashboard.js';
import type { Lang } from '../documents/labels.js';
import { UserInputError } from '../errors.js';
import type { Target } from '../indicators/index.js';
import { bulletinData, type BulletinData } from './bulletin.js';
import { bulletinPdf, bulletinXlsx } from './bulletin-docs.js';
import { bankName, scopeName } from './layout.js';
import type { Writable } from 'node:stream';
import type { AssessResult, ObjectType, RankingRow, TargetIndicatorId } from '../../../shared/assessment.js';
import { TARGET_INDICATORS } from '../../../shared/assessment.js';
import { assess, currentScheme, evaluationDate, lockedResult, parsePeriod, ranking } from '../assess/index.js';
import type { Scope } from '../scope/index.js';
import { assessBytes, assessHead, rankingBytes, streamAssessXlsx, type AssessDocKind } from './assess-docs.js';

export { bulletinData, type BulletinData } from './bulletin.js';

export const REPORT_KINDS = ['assessment', 'ranking', 'bulletin'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export interface ReportFile {
  fileName: string;
  contentType: string;
  body: Buffer;
}

/** Characters no file system takes in a name. */
const unsafe = (s: string) => s.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').trim();

/** 业务通报_城东支行_2024-07-31_20240801_100304.pdf: what, whose, which date, when made (Beijing time). */
export function reportFileName(what: string, whose: string, when: string, format: DocumentFormat, at: Date): string {
  const stamp = shanghaiDateTime(at).replace(/[-:]/g, '').replace(' ', '_');
  return `${unsafe(what)}_${unsafe(whose)}_${when}_${stamp}.${format}`;
}

export function checkFormat(format: string): DocumentFormat {
  if (!(DOCUMENT_FORMATS as readonly string[]).includes(format)) {
    throw new UserInputError(`导出格式应为 xlsx 或 pdf：${String(format).slice(0, 20)} (format: xlsx or pdf)`, 'bad_format');
  }
  return format as DocumentFormat;
}

export interface BulletinDocRequest {
  date: string;
  target: Target;
  lang: Lang;
  format: DocumentFormat;
  user: string;
  at?: Date;
}

export async function bulletinDocument(db: Db, req: BulletinDocRequest): Promise<ReportFile & { data: BulletinData }> {
  const format = checkFormat(req.format);
  const at = req.at ?? new Date();
  const data = bulletinData(db, { date: req.date, target: req.target, lang: req.lang });
  const meta = { user: req.user, at, lang: req.lang };
  const bank = bankName(db);
  const body = format === 'pdf' ? await bulletinPdf(data, bank, meta) : await bulletinXlsx(data, bank, meta);
  return { data, fileName: reportFileName(data.title, data.scope.name, data.date, format, at), contentType: CONTENT_TYPES[format], body };
}

export interface AssessDocRequest {
  period: string;
  /** the caller's data scope: which sheets they may see (assess core) */
  scope: Scope;
  /** one sheet: an org's or a staff member's (assess core's selection); `all`: the period's book of every sheet in scope */
  org?: string;
  staff?: string;
  all?: boolean;
  lang: Lang;
  format: DocumentFormat;
  user: string;
  at?: Date;
}

function assessRequest(db: Db, req: AssessDocRequest): { kind: AssessDocKind; result: AssessResult } {
  const book = req.all === true;
  const result = assess(db, req.period, req.scope, book ? { all: true } : { org: req.org || undefined, staff: req.staff || undefined });
  return { kind: book ? 'book' : 'sheet', result };
}

/** 考核表 of one object, or the period's book (every sheet the caller may see). */
export async function assessmentDocument(db: Db, req: AssessDocRequest): Promise<ReportFile & { kind: AssessDocKind; result: AssessResult }> {
  const format = checkFormat(req.format);
  const at = req.at ?? new Date();
  const meta = { user: req.user, at, lang: req.lang };
  const { kind, result } = assessRequest(db, req);
  const head = assessHead(kind, result, bankName(db), scopeName(db, req.scope, req.lang), meta);
  const body = await assessBytes(result, head, meta, format);
  const whose = kind === 'sheet' ? result.sheets[0].object.name : scopeName(db, req.scope, req.lang);
  return { kind, result, fileName: reportFileName(head.title.split(/[（(]/)[0], whose, result.period, format, at), contentType: CONTENT_TYPES[format], body };
}

/** The book's workbook streamed into a file's stream (the command line and the bench): memory stays flat in the number of sheets. */
export async function streamAssessmentXlsx(db: Db, req: Omit<AssessDocRequest, 'format'>, sink: Writable): Promise<{ kind: AssessDocKind; result: AssessResult }> {
  const meta = { user: req.user, at: req.at ?? new Date(), lang: req.lang };
  const { kind, result } = assessRequest(db, { ...req, format: 'xlsx' });
  await streamAssessXlsx(result, assessHead(kind, result, bankName(db), scopeName(db, req.scope, req.lang), meta), meta, sink);
  return { kind, result };
}

export interface RankingDocRequest {
  period: string;
  scope: Scope;
  indicator: 'total' | TargetIndicatorId;
  type: ObjectType;
  level?: string;
  lang: Lang;
  format: DocumentFormat;
  user: string;
  at?: Date;
}

export function checkIndicator(v: string): 'total' | TargetIndicatorId {
  if (v === 'total' || TARGET_INDICATORS.some((t) => t.id === v)) return v as 'total' | TargetIndicatorId;
  throw new UserInputError(`未知指标：${v.slice(0, 40)}（可选：total、${TARGET_INDICATORS.map((t) => t.id).join('、')}） (unknown indicator)`, 'bad_indicator');
}

/** 排名与对标 of one indicator (or the total) among the peers of one type, as the caller may see them. */
/**
 * What a ranking's title block says about its period without computing the sheets a second time
 * (ranking() has): the evaluation date, the lock, and the scheme version in force (the frozen one
 * when the period is locked).
 */
function rankingFrame(db: Db, period: string, type: ObjectType): Pick<AssessResult, 'period' | 'as_of' | 'progress' | 'locked' | 'sheets'> {
  const p = parsePeriod(period);
  const locked = lockedResult(db, p);
  if (locked) return { ...locked, sheets: locked.sheets.filter((s) => s.object.type === type) };
  const { asOf, progress } = evaluationDate(db, p);
  const version = currentScheme(db, type).version;
  const sheet = { object: { type, id: '', name: '' }, scheme_version: version } as AssessResult['sheets'][number];
  return { period: p.id, as_of: asOf, progress, locked: null, sheets: [sheet] };
}

export async function rankingDocument(db: Db, req: RankingDocRequest): Promise<ReportFile & { rows: RankingRow[] }> {
  const format = checkFormat(req.format);
  const indicator = checkIndicator(req.indicator);
  const at = req.at ?? new Date();
  const meta = { user: req.user, at, lang: req.lang };
  const rows = ranking(db, req.scope, { period: req.period, indicator, type: req.type, level: req.level });
  const head = assessHead('ranking', rankingFrame(db, req.period, req.type), bankName(db), scopeName(db, req.scope, req.lang), meta, indicator);
  const body = await rankingBytes(rows, indicator, head, meta, format);
  return { rows, fileName: reportFileName(head.title.split(/[（(]/)[0], req.indicator, parsePeriod(req.period).id, format, at), contentType: CONTENT_TYPES[format], body };
}
