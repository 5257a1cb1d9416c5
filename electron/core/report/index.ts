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
import { bankName } from './layout.js';

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
