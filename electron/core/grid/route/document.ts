// The 走访清单 (visit list) of a plan as XLSX or PDF (issue 11, item 5): A4, printable, the title
// block the dashboards' documents carry (title, whose route, date, who exported and when), then
// the numbered stops with their masked names, reasons and leg distances, the way back and the
// total, and a blank 走访结果 column to fill in by hand. Built by the documents module's PDF
// engine and XLSX helpers. The plan is re-read, not trusted: the staff member must be inside the
// caller's scope, the start is their org's, names and reasons come from the database (masked),
// and the distances are computed again from the stops' points, in the order the user saw.
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { RoutePlan } from '../../../../shared/grid.js';
import { neutraliseCell } from '../../../../shared/csv-safe.js';
import { shanghaiDateTime } from '../../../../shared/dates.js';
import type { Db } from '../../db/connection.js';
import { findCjkFont, type CjkFont } from '../../documents/font.js';
import { wordsOf, type Lang } from '../../documents/labels.js';
import { renderPdf } from '../../documents/pdf-engine.js';
import { addSheet, putRow, widths, type Value } from '../../documents/xlsx.js';
import type { Scope } from '../../scope/index.js';
import { reasonsOf, routeStaff, routeStart } from './candidates.js';
import { haversineM } from './haversine.js';
import { readGivenStops } from './stops-input.js';

export const ROUTE_FORMATS = ['xlsx', 'pdf'] as const;
export type RouteFormat = (typeof ROUTE_FORMATS)[number];

const WORDS = {
  zh: {
    title: '走访清单',
    staff: '走访人员',
    start: '起点（所属机构）',
    date: '走访日期',
    stops: '站点数',
    total: '全程',
    no: '序号',
    cust: '客户号',
    name: '客户名称',
    reasons: '走访理由（待营销业务）',
    leg: '距上一站（公里）',
    result: '走访结果',
    back: '返回起点',
    none: '无',
    km: '公里',
    note: '距离为直线距离（球面），非道路里程。',
  },
  en: {
    title: 'Visit list (走访清单)',
    staff: 'Staff member',
    start: 'Start (own org)',
    date: 'Visit date',
    stops: 'Stops',
    total: 'Total',
    no: 'No.',
    cust: 'Customer no.',
    name: 'Name',
    reasons: 'Reasons (products to offer)',
    leg: 'From previous stop (km)',
    result: 'Visit result',
    back: 'Back to start',
    none: 'none',
    km: 'km',
    note: 'Distances are straight lines on the sphere, not road distances.',
  },
} as const;

export interface RouteDocInput {
  plan: Pick<RoutePlan, 'staff'> & { stops: Array<{ cust_id: string; lng: number; lat: number }> };
  date: string;
  format: RouteFormat;
  lang: Lang;
  user: string;
  at?: Date;
}

export interface RouteDoc {
  body: Buffer;
  contentType: string;
  fileName: string;
  plan: RoutePlan;
  staffName: string;
}

interface Sheet {
  title: string;
  pairs: [string, string][];
  head: string[];
  rows: Value[][];
  /** the leg column's index (a number formatted to 0.1 km) */
  legCol: number;
  note: string;
}

const km = (m: number) => Math.round(m / 100) / 10;

/** The plan as read back from the database, in the user's order. */
function rebuild(db: Db, scope: Scope, input: RouteDocInput): { plan: RoutePlan; staffName: string; orgName: string } {
  const staff = routeStaff(db, scope, input.plan.staff);
  const start = routeStart(db, staff);
  const given = readGivenStops(
    (input.plan.stops ?? []).map((s) => ({ id: s.cust_id, lng: s.lng, lat: s.lat })),
    'plan.stops',
  );
  const known = reasonsOf(db, scope, given.map((g) => g.id), input.date);
  const stops = given.map((g) => ({ cust_id: g.id, lng: g.lng, lat: g.lat, reasons: known.get(g.id)?.reasons ?? [], ...(known.has(g.id) ? { name: known.get(g.id)!.name } : {}) }));
  const pts = [start, ...stops, start];
  const legs_m: number[] = [];
  let total_m = 0;
  if (stops.length) {
    for (let i = 1; i < pts.length; i++) {
      const leg = haversineM(pts[i - 1].lng, pts[i - 1].lat, pts[i].lng, pts[i].lat);
      legs_m.push(leg);
      total_m += leg;
    }
  }
  const orgName = (db.prepare('SELECT name FROM org WHERE org_id = ?').pluck().get(start.org_id) as string | undefined) ?? start.org_id;
  return { plan: { staff: staff.staff_id, start, stops, legs_m, total_m }, staffName: staff.name, orgName };
}

function sheetOf(r: ReturnType<typeof rebuild>, input: RouteDocInput): Sheet {
  const w = WORDS[input.lang];
  const d = wordsOf(input.lang);
  const sep = input.lang === 'zh' ? '、' : ', ';
  const { plan } = r;
  const pairs: [string, string][] = [
    [w.staff, `${r.staffName}（${plan.staff}）`],
    [w.start, `${r.orgName}（${plan.start.org_id}）`],
    [w.date, input.date],
    [w.stops, String(plan.stops.length)],
    [w.total, `${km(plan.total_m).toFixed(1)} ${w.km}`],
    [d.who, input.user],
    [d.when, `${shanghaiDateTime(input.at ?? new Date())}${d.whenSuffix}`],
  ];
  const rows: Value[][] = plan.stops.map((s, i) => [i + 1, s.cust_id, s.name ?? '', s.reasons.length ? s.reasons.join(sep) : w.none, km(plan.legs_m[i]), '']);
  if (plan.stops.length) rows.push(['', w.back, '', '', km(plan.legs_m[plan.stops.length]), '']);
  rows.push(['', w.total, '', '', km(plan.total_m), '']);
  return { title: w.title, pairs, head: [w.no, w.cust, w.name, w.reasons, w.leg, w.result], rows, legCol: 4, note: w.note };
}

async function xlsxOf(s: Sheet, user: string, at: Date): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk);
      cb();
    },
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  wb.creator = user;
  wb.created = at;
  const sheet = addSheet(wb, s.title.slice(0, 31).replace(/[[\]:*?/\\]/g, '_'), s.pairs.length + 2);
  const cols = widths([s.head, ...s.rows.map((r) => r.map((v) => (typeof v === 'number' ? String(v) : v)))]);
  // the result column is for handwriting on the printout: wide whatever it holds
  cols[5] = 30;
  cols[3] = Math.min(cols[3], 40);
  sheet.columns = cols.map((width) => ({ width }));
  putRow(sheet, [s.title], [], true);
  // the title block on the sheet itself (one sheet, printed as it stands)
  for (const [k, v] of s.pairs) putRow(sheet, [k, v]);
  putRow(sheet, [s.note]);
  putRow(sheet, s.head, [], true);
  for (const r of s.rows) {
    // text neutralised against formula injection, as putRow does
    const row = sheet.addRow(r.map((v) => (typeof v === 'string' ? neutraliseCell(v) : v)));
    row.getCell(s.legCol + 1).numFmt = '0.0';
    row.getCell(6).border = { bottom: { style: 'thin', color: { argb: 'FF999999' } } };
    row.commit();
  }
  sheet.commit();
  await wb.commit();
  return Buffer.concat(chunks);
}

const MARGIN_X = 36;
const A4_WIDTH = 595.28;

function pdfDefinition(s: Sheet, lang: Lang, user: string): TDocumentDefinitions {
  const sep = lang === 'zh' ? '：' : ': ';
  const line = s.pairs.map(([k, v]) => `${k}${sep}${v}`).join('    ');
  const head = (text: string, right = false): TableCell => ({ text, bold: true, fillColor: '#f2f4f7', alignment: right ? 'right' : 'left' });
  const body: TableCell[][] = [s.head.map((h, i) => head(h, i === s.legCol))];
  for (const r of s.rows) {
    body.push(r.map((v, i): TableCell => (i === s.legCol ? { text: typeof v === 'number' ? v.toFixed(1) : '', alignment: 'right' } : { text: v === null ? '' : String(v) })));
  }
  const content: Content[] = [
    { text: s.note, fontSize: 7.5, color: '#666666', margin: [0, 0, 0, 6] },
    {
      table: { headerRows: 1, dontBreakRows: true, widths: ['auto', 'auto', 'auto', '*', 'auto', 110], heights: (row: number) => (row === 0 ? 14 : 26), body },
      layout: { hLineWidth: () => 0.5, vLineWidth: () => 0.5, hLineColor: () => '#999999', vLineColor: () => '#999999' },
      fontSize: 9,
    },
  ];
  return {
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: [MARGIN_X, 86, MARGIN_X, 40],
    info: { title: s.title, author: user, creator: 'Branch Console', producer: 'Branch Console (pdfmake)' },
    header: () => ({
      margin: [MARGIN_X, 22, MARGIN_X, 0],
      stack: [
        { text: s.title, fontSize: 14, bold: true },
        { text: line, fontSize: 7.5, color: '#666666', margin: [0, 3, 0, 4] },
        { canvas: [{ type: 'line', x1: 0, y1: 0, x2: A4_WIDTH - 2 * MARGIN_X, y2: 0, lineWidth: 0.5, lineColor: '#999999' }] },
      ],
    }),
    footer: (page: number, pages: number) => ({ text: wordsOf(lang).page(page, pages), alignment: 'center', fontSize: 8, color: '#666666', margin: [0, 12, 0, 0] }),
    content,
    defaultStyle: { fontSize: 9, lineHeight: 1.15 },
  };
}

/** The 走访清单 of a plan; throws 404 for a staff member outside the scope. */
export async function routeDocument(db: Db, scope: Scope, input: RouteDocInput, font?: CjkFont): Promise<RouteDoc> {
  const r = rebuild(db, scope, input);
  const s = sheetOf(r, input);
  const at = input.at ?? new Date();
  const base = `${WORDS.zh.title}_${r.plan.staff}_${input.date}`;
  if (input.format === 'xlsx') {
    return { body: await xlsxOf(s, input.user, at), contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', fileName: `${base}.xlsx`, plan: r.plan, staffName: r.staffName };
  }
  const body = await renderPdf(pdfDefinition(s, input.lang, input.user), font ?? findCjkFont());
  return { body, contentType: 'application/pdf', fileName: `${base}.pdf`, plan: r.plan, staffName: r.staffName };
}
