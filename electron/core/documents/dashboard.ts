// A whole dashboard as a document: the one path the desktop app, web mode (both through the
// API) and the command line take. The figures come from dashboardSpec, the same composer the
// screen draws, so the file holds the numbers on the screen.
import type { DashboardSpec } from '../../../shared/dashboard.js';
import { shanghaiDateTime } from '../../../shared/dates.js';
import { DASHBOARD_IDS, type DashboardId } from '../../../shared/indicators.js';
import { dashboardSpec, resolveBase } from '../dashboards/index.js';
import type { Db } from '../db/connection.js';
import { UserInputError } from '../errors.js';
import type { Target } from '../indicators/index.js';
import type { Lang } from './labels.js';
import { dashboardPdf } from './pdf.js';
import { dashboardXlsx } from './xlsx.js';

export const DOCUMENT_FORMATS = ['xlsx', 'pdf'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

export const CONTENT_TYPES: Record<DocumentFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

export interface DashboardDocRequest {
  id: string;
  date: string;
  /** a BASE_KINDS kind or a day; none when empty */
  base?: string | null;
  /** whose figures, already resolved inside the caller's scope (resolveTarget) */
  target: Target;
  lang: Lang;
  format: DocumentFormat;
  /** who exports: printed in the document */
  user: string;
  /** the moment of export (tests pin it) */
  at?: Date;
}

export interface DashboardDocument {
  spec: DashboardSpec;
  format: DocumentFormat;
  fileName: string;
  contentType: string;
  body: Buffer;
}

export function isDashboardId(id: string): id is DashboardId {
  return (DASHBOARD_IDS as readonly string[]).includes(id);
}

/** Characters no file system takes in a name. */
const unsafe = (s: string) => s.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').trim();

/** 总览_城东支行_2024-07-31_20240801_100304.pdf: what, whose, which date, when exported (Beijing time). */
export function documentFileName(spec: DashboardSpec, format: DocumentFormat, at: Date): string {
  const stamp = shanghaiDateTime(at).replace(/[-:]/g, '').replace(' ', '_');
  return `${unsafe(spec.title)}_${unsafe(spec.scope.name)}_${spec.date}_${stamp}.${format}`;
}

export async function dashboardDocument(db: Db, req: DashboardDocRequest): Promise<DashboardDocument> {
  if (!isDashboardId(req.id)) {
    throw new UserInputError(`没有这个看板：${req.id.slice(0, 40)}（可选：${DASHBOARD_IDS.join('、')}） (no such dashboard)`, 'bad_dashboard');
  }
  if (!(DOCUMENT_FORMATS as readonly string[]).includes(req.format)) {
    throw new UserInputError(`导出格式应为 xlsx 或 pdf：${String(req.format).slice(0, 20)} (format: xlsx or pdf)`, 'bad_format');
  }
  const at = req.at ?? new Date();
  const spec = dashboardSpec(db, req.id, { date: req.date, base: resolveBase(req.date, req.base), target: req.target, lang: req.lang });
  const meta = { user: req.user, at, lang: req.lang };
  const body = req.format === 'pdf' ? await dashboardPdf(spec, meta) : await dashboardXlsx(spec, meta);
  return { spec, format: req.format, fileName: documentFileName(spec, req.format, at), contentType: CONTENT_TYPES[req.format], body };
}
