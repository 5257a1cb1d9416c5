// The 业务通报 as an A4 PDF (1–3 pages: headline figures with their three changes, the branch
// table, the month's target progress, the rankings, the open alerts, signature lines) and as a workbook (a cover, then one sheet
// per part; money in 元, ratios unrounded under a % format, text neutralised).
import type { Content, TableCell } from 'pdfmake/interfaces.js';
import { findCjkFont, type CjkFont } from '../documents/font.js';
import { baseUnit, printChange, printValue, unitLabel, type BaseUnit } from '../documents/format.js';
import { renderPdf } from '../documents/pdf-engine.js';
import { addSheet, putRow, sheetName, widths, type Value } from '../documents/xlsx.js';
import type { BulletinData } from './bulletin.js';
import { bookBuffer, COMPACT, coverSheet, heading, madeBy, MUTED, num, reportPdf, signatureLines, th, type ReportHead, type ReportMeta } from './layout.js';

const B = {
  zh: {
    bank: '银行', date: '数据日期', scope: '范围', headline: '主要指标', units: { children: '分机构情况', staff: '分员工情况' }, rankings: '排名', alerts: '待核实预警',
    progress: (m: string) => `考核目标进度（${m}）`, noProgress: (m: string) => `${m} 未设考核目标。`, target: '目标', actual: '实际', completion: '完成率', unset: '未设目标',
    progressNote: '每格：完成率，其下为实际 / 目标（金额万元）；完成率同考核表，未经封顶。',
    indicator: '指标', value: '当前值', unit: '单位', name: '名称', rank: '名次', family: '业务类别', open: '待核实', total: '合计',
    noUnits: '员工没有下级机构或员工。', noAlerts: '没有待核实的预警。', note: '金额单位：元（PDF 以万元显示）；比率单元格为未经舍入的原值。',
    sheets: { headline: '主要指标', units: '分机构', progress: '目标进度', rankings: '排名', alerts: '预警' },
  },
  en: {
    bank: 'Bank', date: 'Data date', scope: 'Scope', headline: 'Key figures', units: { children: 'By org', staff: 'By staff member' }, rankings: 'Rankings', alerts: 'Alerts to verify',
    progress: (m: string) => `Target progress (${m})`, noProgress: (m: string) => `No targets set for ${m}.`, target: 'Target', actual: 'Actual', completion: 'Completion', unset: 'No target',
    progressNote: 'Each cell: completion, below it actual / target (amounts in 10k yuan); completion as on the sheet, before the cap.',
    indicator: 'Indicator', value: 'Value', unit: 'Unit', name: 'Name', rank: 'Rank', family: 'Family', open: 'To verify', total: 'Total',
    noUnits: 'A staff member has no orgs or staff below.', noAlerts: 'No alerts to verify.', note: 'Amounts in yuan (the PDF shows 10k yuan); ratio cells hold the unrounded value.',
    sheets: { headline: 'Key figures', units: 'By unit', progress: 'Target progress', rankings: 'Rankings', alerts: 'Alerts' },
  },
};

export function bulletinHead(d: BulletinData, bank: string, meta: ReportMeta): ReportHead {
  const w = B[meta.lang];
  return {
    title: meta.lang === 'zh' ? `${d.title}（${d.date}）` : `${d.title} (${d.date})`,
    pairs: [[w.bank, bank], [w.scope, d.scope.name], [w.date, d.date], ...madeBy(meta)],
  };
}

/** A column heading with its unit on a second line, so long headings wrap there and not inside a name. */
const colUnit = (u: BaseUnit, lang: 'zh' | 'en') => (u === 'yuan' || u === 'ratio' ? `\n（${unitLabel(u, lang)}）` : '');
/** The unit column beside a figure: a ratio already prints its %. */
const unitText = (u: BaseUnit, lang: 'zh' | 'en') => (u === 'ratio' ? '' : unitLabel(u, lang));

function headlineTable(d: BulletinData): Content {
  const w = B[d.lang];
  const body: TableCell[][] = [[th(w.indicator), th(w.value, true), th(w.unit), ...d.bases.map((b) => th(`${b.label}\n${b.date}`, true))]];
  for (const f of d.headline) {
    const u = baseUnit(f.unit);
    body.push([f.label, num(printValue(f.value, u)), { text: unitText(u, d.lang), color: MUTED }, ...f.changes.map((c) => num(printChange(c, u, d.lang)))]);
  }
  return { table: { headerRows: 1, widths: ['*', 'auto', 'auto', 'auto', 'auto', 'auto'], body }, layout: COMPACT, fontSize: 8.5 };
}

function unitsTable(d: BulletinData): Content {
  const w = B[d.lang];
  if (!d.units.length) return { text: w.noUnits, color: MUTED };
  const units = d.columns.map((c) => baseUnit(c.unit));
  const body: TableCell[][] = [[th(w.name), ...d.columns.map((c, i) => th(`${c.label}${colUnit(units[i], d.lang)}`, true))]];
  for (const u of d.units) body.push([{ text: u.name, noWrap: true }, ...u.values.map((v, i) => num(printValue(v, units[i])))]);
  return { table: { headerRows: 1, widths: ['*', ...d.columns.map(() => 'auto' as const)], body }, layout: COMPACT, fontSize: 7.5 };
}

function rankingTables(d: BulletinData): Content {
  const w = B[d.lang];
  // side by side, three narrow tables: the rankings fit the width of a page
  return {
    columns: d.rankings.map((r) => {
      const u = baseUnit(r.unit);
      const body: TableCell[][] = [[th(w.rank, true), th(w.name), th(`${r.label}${colUnit(u, d.lang)}`, true)]];
      // 'auto' name column: a long name pushes the figures rather than wrapping
      for (const row of r.rows) body.push([num(row.rank === null ? '—' : String(row.rank)), { text: row.name, noWrap: true }, num(printValue(row.value, u))]);
      return { table: { headerRows: 1, widths: ['auto', 'auto', '*'], body }, layout: COMPACT, fontSize: 7.5 };
    }),
    columnGap: 8,
  };
}

function alertsTable(d: BulletinData): Content {
  const w = B[d.lang];
  if (d.openAlerts === 0) return { text: w.noAlerts, color: MUTED };
  const body: TableCell[][] = [[th(w.family), th(w.open, true)]];
  for (const a of d.alerts) body.push([a.label, num(String(a.open))]);
  body.push([{ text: w.total, bold: true }, num(String(d.openAlerts), { bold: true })]);
  return { table: { headerRows: 1, widths: [120, 60], body }, layout: COMPACT, fontSize: 8.5 };
}

function progressTable(d: BulletinData): Content {
  const w = B[d.lang];
  const p = d.progress!;
  const body: TableCell[][] = [[th(w.name), ...p.indicators.map((i) => th(i.label, true))]];
  for (const r of p.rows) {
    body.push([
      { text: r.name, noWrap: true },
      ...r.cells.map((c, k): TableCell => {
        if (c === null) return { text: w.unset, color: MUTED, alignment: 'right' };
        const u = p.indicators[k].unit;
        return { stack: [{ text: printValue(c.completion, 'ratio'), bold: true }, { text: `${printValue(c.actual, u)} / ${printValue(c.target, u)}`, color: MUTED, fontSize: 6.5 }], alignment: 'right' };
      }),
    ]);
  }
  return { stack: [{ table: { headerRows: 1, widths: ['auto', ...p.indicators.map(() => '*' as const)], body }, layout: COMPACT, fontSize: 7.5 }, { text: w.progressNote, color: MUTED, fontSize: 7, margin: [0, 2, 0, 0] }] };
}

/** 一、二、… in Chinese, 1. 2. … in English: the sections a bulletin has, numbered as printed. */
const numbered = (lang: 'zh' | 'en') => {
  let n = 0;
  return (title: string) => (lang === 'zh' ? `${'一二三四五六七八九'[n++]}、${title}` : `${++n}. ${title}`);
};

export function bulletinPdfDefinition(d: BulletinData, bank: string, meta: ReportMeta) {
  const w = B[d.lang];
  const no = numbered(d.lang);
  const month = d.date.slice(0, 7);
  const content: Content[] = [];
  if (d.empty) content.push({ text: d.empty, margin: [0, 0, 0, 8] });
  content.push(heading(no(w.headline), 0), headlineTable(d));
  if (d.unitsBy !== null) {
    content.push(heading(no(w.units[d.unitsBy])), unitsTable(d));
    content.push(heading(no(w.progress(d.progress?.period ?? month))), d.progress ? progressTable(d) : { text: w.noProgress(month), color: MUTED });
  }
  if (d.rankings.length) content.push(heading(no(w.rankings)), rankingTables(d));
  content.push(heading(no(w.alerts)), alertsTable(d), signatureLines(d.lang));
  return reportPdf(bulletinHead(d, bank, meta), meta, content);
}

export async function bulletinPdf(d: BulletinData, bank: string, meta: ReportMeta, font: CjkFont = findCjkFont()): Promise<Buffer> {
  return renderPdf(bulletinPdfDefinition(d, bank, meta), font);
}

export async function bulletinXlsx(d: BulletinData, bank: string, meta: ReportMeta): Promise<Buffer> {
  const w = B[d.lang];
  return bookBuffer(meta, (wb) => {
    const taken = new Set<string>();
    coverSheet(wb, bulletinHead(d, bank, meta), meta, taken, [w.note, ...(d.empty ? [d.empty] : [])]);

    const hs = addSheet(wb, sheetName(w.sheets.headline, taken), 1);
    const head: Value[] = [w.indicator, w.unit, w.value, ...d.bases.map((b) => `${b.label} ${b.date}`)];
    const rows = d.headline.map((f) => {
      const u = baseUnit(f.unit);
      return { values: [f.label, u === 'yuan' ? (d.lang === 'zh' ? '元' : 'yuan') : unitLabel(u, d.lang), f.value, ...f.changes] as Value[], units: [null, null, u, u, u, u] };
    });
    hs.columns = widths([head, ...rows.map((r) => r.values)]).map((width) => ({ width }));
    putRow(hs, head, [], true);
    for (const r of rows) putRow(hs, r.values, r.units);
    hs.commit();

    if (d.unitsBy !== null) {
      const us = addSheet(wb, sheetName(w.sheets.units, taken), 1);
      const units = d.columns.map((c) => baseUnit(c.unit));
      const uh: Value[] = [w.name, ...d.columns.map((c, i) => `${c.label}${units[i] === 'yuan' ? (d.lang === 'zh' ? '（元）' : ' (yuan)') : ''}`)];
      const ub = d.units.map((u) => [u.name, ...u.values] as Value[]);
      us.columns = widths([uh, ...ub]).map((width) => ({ width }));
      putRow(us, uh, [], true);
      for (const r of ub) putRow(us, r, [null, ...units]);
      us.commit();
    }

    if (d.progress) {
      const ps = addSheet(wb, sheetName(w.sheets.progress, taken), 1);
      ps.columns = [{ width: 20 }, { width: 20 }, { width: 10 }, { width: 18 }, { width: 18 }, { width: 14 }];
      putRow(ps, [w.name, w.indicator, w.unit, w.target, w.actual, w.completion], [], true);
      for (const r of d.progress.rows) {
        d.progress.indicators.forEach((i, k) => {
          const c = r.cells[k];
          const unit = i.unit === 'yuan' ? (d.lang === 'zh' ? '元' : 'yuan') : i.unit === 'ratio' ? '' : unitLabel(i.unit, d.lang);
          putRow(ps, [r.name, i.label, unit, c?.target ?? w.unset, c?.actual ?? null, c?.completion ?? null], [null, null, null, c ? i.unit : null, i.unit, 'ratio']);
        });
      }
      ps.commit();
    }

    if (d.rankings.length) {
      const rs = addSheet(wb, sheetName(w.sheets.rankings, taken), 1);
      rs.columns = [{ width: 26 }, { width: 8 }, { width: 24 }, { width: 18 }];
      putRow(rs, [w.indicator, w.rank, w.name, w.value], [], true);
      for (const r of d.rankings) for (const row of r.rows) putRow(rs, [r.label, row.rank, row.name, row.value], [null, null, null, baseUnit(r.unit)]);
      rs.commit();
    }

    const as = addSheet(wb, sheetName(w.sheets.alerts, taken), 1);
    as.columns = [{ width: 16 }, { width: 12 }];
    putRow(as, [w.family, w.open], [], true);
    for (const a of d.alerts) putRow(as, [a.label, a.open]);
    putRow(as, [w.total, d.openAlerts], [], true);
    as.commit();
  });
}
