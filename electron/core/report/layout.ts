// What every report document shares (bulletin, assessment sheet, ranking, period book): the title
// block the bank's paperwork carries (bank, date or period, scope, scheme version, who and when),
// the 制表/审核 signature lines, A4 pages numbered at the foot, and the streamed workbook. The
// dashboards' document pieces (documents/) draw the tables and numbers; this adds the paperwork.
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Content, TableCell, TableLayout, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { shanghaiDateTime } from '../../../shared/dates.js';
import type { Db } from '../db/connection.js';
import { loadOrgTree } from '../metrics/org-tree.js';
import { headOfficeOf, type Scope } from '../scope/index.js';
import { addSheet, putRow, sheetName } from '../documents/xlsx.js';
import type { Lang } from '../documents/labels.js';

export const MARGIN_X = 40;
export const A4_WIDTH = 595.28;
export const CONTENT_WIDTH = A4_WIDTH - 2 * MARGIN_X;
export const MUTED = '#666666';
const HEADER_H = 60;

export interface ReportHead {
  title: string;
  /** label → value, printed in this order under the title (and on the XLSX cover) */
  pairs: [string, string][];
}

export interface ReportMeta {
  user: string;
  at: Date;
  lang: Lang;
}

const W = {
  zh: { bank: '银行', who: '制表人', when: '生成时间', whenSuffix: '（北京时间）', maker: '制表', checker: '审核', signDate: '日期', cover: '封面', page: (n: number, m: number) => `第 ${n} 页 / 共 ${m} 页` },
  en: { bank: 'Bank', who: 'Prepared by', when: 'Generated', whenSuffix: ' (Beijing time)', maker: 'Prepared', checker: 'Reviewed', signDate: 'Date', cover: 'Cover', page: (n: number, m: number) => `Page ${n} of ${m}` },
};

export const reportWords = (lang: Lang) => W[lang];

/** The bank's name: the head office's, else the one root's, else 全行. */
export function bankName(db: Db): string {
  const tree = loadOrgTree(db);
  const head = headOfficeOf(tree);
  if (head) return tree.byId.get(head)?.name ?? head;
  return tree.roots.length === 1 ? tree.roots[0].name : '全行';
}

/** Whose documents these are, in words: 全行, an org's name, or a 客户经理's own. */
export function scopeName(db: Db, scope: Scope, lang: Lang): string {
  if (scope.managerId !== null) {
    const name = db.prepare('SELECT name FROM staff WHERE staff_id = ?').pluck().get(scope.managerId) as string | undefined;
    return name ?? scope.managerId;
  }
  if (scope.orgIds === null) return lang === 'zh' ? '全行' : 'Whole bank';
  if (scope.rootOrg === null) return lang === 'zh' ? '无' : 'none';
  return (db.prepare('SELECT name FROM org WHERE org_id = ?').pluck().get(scope.rootOrg) as string | undefined) ?? scope.rootOrg;
}

/** The pairs every report ends its title block with: who made it and when (Asia/Shanghai). */
export function madeBy(meta: ReportMeta): [string, string][] {
  const w = W[meta.lang];
  return [
    [w.who, meta.user],
    [w.when, `${shanghaiDateTime(meta.at)}${w.whenSuffix}`],
  ];
}

// ---------------------------------------------------------------- PDF

export const COMPACT: TableLayout = {
  hLineWidth: (i, node) => (i === 1 ? 0.8 : i === 0 || i === node.table.body.length ? 0 : 0.3),
  vLineWidth: () => 0,
  hLineColor: (i) => (i === 1 ? '#666666' : '#dddddd'),
  paddingLeft: () => 3,
  paddingRight: () => 3,
  paddingTop: () => 1.5,
  paddingBottom: () => 1.5,
};

export const num = (text: string, extra: Partial<{ bold: boolean; color: string }> = {}): TableCell => ({ text, alignment: 'right', ...extra });
export const th = (text: string, right = false): TableCell => ({ text, bold: true, fillColor: '#f2f4f7', alignment: right ? 'right' : 'left' });
export const heading = (text: string, top = 12): Content => ({ text, fontSize: 11, bold: true, margin: [0, top, 0, 5] });

/** 制表：______  审核：______  日期：______ — where the officer and the reviewer sign the printed page. */
export function signatureLines(lang: Lang): Content {
  const w = W[lang];
  const sep = lang === 'zh' ? '：' : ': ';
  const blank = '＿＿＿＿＿＿＿＿';
  return {
    columns: [w.maker, w.checker, w.signDate].map((k) => ({ text: `${k}${sep}${blank}`, fontSize: 9 })),
    margin: [0, 18, 0, 0],
    unbreakable: true,
  };
}

/** An A4 portrait document: the title block on every page, page numbers at the foot. */
export function reportPdf(head: ReportHead, meta: ReportMeta, content: Content[]): TDocumentDefinitions {
  const sep = meta.lang === 'zh' ? '：' : ': ';
  const line = head.pairs.map(([k, v]) => `${k}${sep}${v}`).join('    ');
  const w = W[meta.lang];
  return {
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: [MARGIN_X, HEADER_H + 20, MARGIN_X, 40],
    info: { title: head.title, author: meta.user, creator: 'Branch Console', producer: 'Branch Console (pdfmake)' },
    header: () => ({
      margin: [MARGIN_X, 20, MARGIN_X, 0],
      stack: [
        { text: head.title, fontSize: 13, bold: true },
        { text: line, fontSize: 7.5, color: MUTED, margin: [0, 3, 0, 4] },
        { canvas: [{ type: 'line', x1: 0, y1: 0, x2: CONTENT_WIDTH, y2: 0, lineWidth: 0.5, lineColor: '#999999' }] },
      ],
    }),
    footer: (page: number, pages: number) => ({ text: w.page(page, pages), alignment: 'center', fontSize: 8, color: MUTED, margin: [0, 12, 0, 0] }),
    content,
    defaultStyle: { fontSize: 9, lineHeight: 1.15 },
  };
}

// ---------------------------------------------------------------- XLSX

export type Book = ExcelJS.stream.xlsx.WorkbookWriter;

/** A streamed workbook into `sink`: rows are committed as they are written, so a whole period's book keeps memory flat. */
export function openBook(sink: Writable, meta: ReportMeta): Book {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useSharedStrings: false, useStyles: true });
  wb.creator = meta.user;
  wb.created = meta.at;
  return wb;
}

/** The cover: the title block and the signature lines. */
export function coverSheet(wb: Book, head: ReportHead, meta: ReportMeta, taken: Set<string>, notes: string[] = []): void {
  const w = W[meta.lang];
  const sheet = addSheet(wb, sheetName(w.cover, taken), 0);
  sheet.columns = [{ width: 16 }, { width: 64 }];
  putRow(sheet, [head.title], [], true);
  for (const p of head.pairs) putRow(sheet, p);
  for (const n of notes) putRow(sheet, ['', n]);
  putRow(sheet, []);
  putRow(sheet, [w.maker, '']);
  putRow(sheet, [w.checker, '']);
  putRow(sheet, [w.signDate, '']);
  sheet.commit();
}

/** Runs `write` on a workbook streamed into memory and returns the bytes (a bulletin or one sheet: small). */
export async function bookBuffer(meta: ReportMeta, write: (wb: Book) => void | Promise<void>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk);
      cb();
    },
  });
  const wb = openBook(sink, meta);
  await write(wb);
  await wb.commit();
  return Buffer.concat(chunks);
}
