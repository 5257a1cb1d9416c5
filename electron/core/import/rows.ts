// One data row of a recognised file → the values to store, or the reasons it is rejected, plus
// the warnings it is kept with (DATA.md "rejected" vs "kept with a warning").
import type { ColumnDef } from '../../../shared/datasets.js';
import type { ImportIssue, MappingProfile } from '../../../shared/api.js';
import type { Db } from '../db/connection.js';
import type { Mapping } from './recognise.js';
import { UNBALANCED_QUOTES } from './readers/csv.js';
import { cellReader, coordinateWarning, idCheckDigitOk, ValueError, type Cell } from './values.js';
import { dateFormatOf } from './profiles.js';
import { cardHasher, maskCardNo, payerToken } from './card-number.js';
import { guardExtra } from './extra-guard.js';
import { gridGeometryWarning } from '../grid/geometry-check.js';
import { checkTarget, type TargetRow } from './target-check.js';

export const GEOMETRY_COL: ColumnDef = { key: 'geometry', zh: '几何图形', type: 'text', required: true };

export interface RowOutcome {
  /** values in tableColumns order, without batch_id; null when rejected */
  values: Cell[] | null;
  issues: Omit<ImportIssue, 'file'>[];
  /** the day the row speaks of, for the batch's data dates */
  day: string | null;
  /** the kinds of reference (customer, org, staff) the row makes to rows that are not loaded */
  unknownRefs?: RefKind[];
}

export type RefKind = 'customer' | 'org' | 'staff';

/** The SQL columns a dataset's rows fill, in the order RowOutcome.values uses. */
export function tableColumns(m: Mapping): string[] {
  const ds = m.dataset;
  const cols = ds.columns.map((c) => c.key);
  if (ds.id === 'card') cols.push('card_no_masked', 'payer_key');
  if (ds.id === 'grid') cols.push('geometry');
  cols.push('extra');
  return cols;
}

type Lookup = (id: string) => boolean;

interface Refs {
  customerOrg: (custId: string) => string | undefined | null; // undefined: unknown customer
  org: Lookup;
  staff: Lookup;
}

function refs(db: Db): Refs {
  const orgs = new Set((db.prepare('SELECT org_id FROM org').pluck().all() as string[]) ?? []);
  const staff = new Set((db.prepare('SELECT staff_id FROM staff').pluck().all() as string[]) ?? []);
  const cust = db.prepare('SELECT org_id FROM customer WHERE cust_id = ?').pluck();
  return {
    customerOrg: (id) => cust.get(id) as string | undefined,
    org: (id) => orgs.has(id),
    staff: (id) => staff.has(id),
  };
}

const REF_LABEL = { customer: '客户', org: '机构', staff: '员工' } as const;

export interface RowCompiler {
  columns: string[];
  convert(cells: string[], rowNo: number): RowOutcome;
}

export function compileRows(
  db: Db,
  m: Mapping,
  header: string[],
  opts: { profile?: MappingProfile; padShortRows?: boolean },
): RowCompiler {
  const ds = m.dataset;
  const profile = opts.profile;
  const columns = tableColumns(m);
  const slot = new Map(columns.map((c, i) => [c, i]));
  const r = refs(db);
  const hashCard = ds.id === 'card' ? cardHasher(db) : null;
  const readerFor = (col: ColumnDef) => cellReader(col, { moneyUnit: profile?.moneyUnit, dateFormat: profile ? dateFormatOf(profile, col.key) : undefined });
  // per header index: where each value goes and how it is read (a profile may feed several columns)
  const plan = m.targets.map((cols, i) => ({
    header: header[i],
    ignored: m.ignored[i],
    outs: cols.map((col) => ({ col, at: slot.get(col.key)!, read: readerFor(col), valueMap: valueMapOf(profile, col.key) })),
  }));
  // constants were validated with the same readers when the profile was parsed
  const constants = [...m.constants].map(([k, raw]) => {
    const col = ds.columns.find((c) => c.key === k)!;
    return { at: slot.get(k)!, value: readerFor(col)(raw) as Cell };
  });
  const required = ds.columns.filter((c) => c.required);
  const dayKey = ds.snapshot ? 'data_date' : ds.id === 'acq_txn' ? 'txn_time' : ds.id === 'visit' ? 'visit_time' : null;
  const headerOf = new Map(plan.flatMap((p) => p.outs.map((o) => [o.col.key, p.header] as const)));
  for (const [k] of m.constants) headerOf.set(k, `${ds.columns.find((c) => c.key === k)!.zh}（常量）`);
  const extraAt = slot.get('extra')!;
  const orgAt = slot.get('org_id');
  const custKey = ds.id === 'merchant' ? 'owner_cust_id' : 'cust_id';
  const custAt = slot.get(custKey);
  const refCols = ds.columns.filter((c) => c.ref).map((c) => ({ c, at: slot.get(c.key)! }));
  const coordCols = ds.columns.filter((c) => c.coord).map((c) => ({ c, at: slot.get(c.key)! }));

  return {
    columns,
    convert(cells, rowNo) {
      const issues: RowOutcome['issues'] = [];
      const reject = (column: string | null, value: string | null, reason: string) =>
        issues.push({ level: 'rejected', row: rowNo, column, value, reason });
      const warn = (column: string | null, value: string | null, reason: string) =>
        issues.push({ level: 'warning', row: rowNo, column, value, reason });

      if (cells[0] === UNBALANCED_QUOTES) {
        reject(null, null, '引号不配对：从本行起的引号没有闭合，本行及其后被引号吞并的内容无法可靠解析');
        return { values: null, issues, day: null };
      }
      if (cells.length !== header.length && !(opts.padShortRows && cells.length < header.length)) {
        reject(
          null,
          null,
          `本行有 ${cells.length} 个字段，表头有 ${header.length} 个（可能是值中含未加引号的分隔符，或缺少字段）`,
        );
        return { values: null, issues, day: null };
      }
      const values: Cell[] = new Array(columns.length).fill(null);
      for (const c of constants) values[c.at] = c.value;
      let extra: Record<string, string> | null = null;
      let bad = false;
      for (let i = 0; i < plan.length; i++) {
        const p = plan[i];
        if (p.ignored) continue; // a profile drops it: not stored, not even aside
        const raw = (cells[i] ?? '').trim();
        if (!p.outs.length) {
          if (raw !== '') (extra ??= {})[p.header || `列${i + 1}`] = raw;
          continue;
        }
        if (raw === '') continue;
        if (raw.includes('\uFFFD')) warn(p.header, raw, '含无法解码的字符（文件编码可能有误或有损坏的字节）');
        for (const o of p.outs) {
          let text = raw;
          if (o.valueMap) {
            const mapped = o.valueMap.get(raw);
            if (mapped === undefined) {
              reject(p.header, raw, `不在映射方案「${profile!.name}」的取值对照 values.${o.col.key} 中（${[...o.valueMap.keys()].join('/')}）`);
              bad = true;
              continue;
            }
            text = mapped;
          }
          const v = o.read(text);
          if (v instanceof ValueError) {
            reject(p.header, raw, o.valueMap ? `对照为「${text}」后：${v.reason}` : v.reason);
            bad = true;
          } else values[o.at] = v;
        }
      }
      for (const c of required) {
        if (values[slot.get(c.key)!] === null && !issues.some((x) => x.column === headerOf.get(c.key))) {
          reject(headerOf.get(c.key) ?? c.zh, null, '必填项为空');
          bad = true;
        }
      }
      if (bad) return { values: null, issues, day: null };

      // kept with a warning: unknown references, wrong check digits, odd phone numbers
      let custOrg: string | null | undefined;
      let unknownRefs: RefKind[] | undefined;
      for (const { c, at } of refCols) {
        const id = values[at] as string | null;
        if (id === null) continue;
        let known: boolean;
        if (c.ref === 'customer') {
          const o = r.customerOrg(id);
          if (c.key === custKey) custOrg = o;
          known = o !== undefined;
        } else known = c.ref === 'org' ? r.org(id) : r.staff(id);
        if (!known) {
          warn(headerOf.get(c.key)!, id, `${REF_LABEL[c.ref!]}不存在（未在已导入的${REF_LABEL[c.ref!]}数据中找到）`);
          if (!(unknownRefs ??= []).includes(c.ref!)) unknownRefs.push(c.ref!);
        }
      }
      for (const { c, at } of coordCols) {
        const w = values[at] === null ? null : coordinateWarning(c.coord!, values[at] as number);
        if (w) warn(headerOf.get(c.key)!, String(values[at]), w);
      }
      if (orgAt !== undefined && values[orgAt] === null && custAt !== undefined && custOrg) {
        values[orgAt] = custOrg; // DATA.md: a row without 所属机构号 belongs to its customer's
      }
      const idNo = slot.get('id_no');
      if (idNo !== undefined && typeof values[idNo] === 'string') {
        const id = values[idNo] as string;
        const idType = values[slot.get('id_type')!];
        if ((idType === '身份证' || (idType === null && id.length === 18)) && !idCheckDigitOk(id)) {
          warn(headerOf.get('id_no')!, id, '身份证号码校验位错误或格式不正确（GB 11643）');
        }
      }
      const phone = slot.get('phone');
      if (phone !== undefined && typeof values[phone] === 'string' && !/^\d{11}$/.test(values[phone] as string)) {
        warn(headerOf.get('phone')!, values[phone] as string, '手机号码不是11位数字');
      }
      if (hashCard) {
        const at = slot.get('card_no')!;
        const no = (values[at] as string).replace(/\s/g, '');
        values[slot.get('card_no_masked')!] = maskCardNo(no);
        values[slot.get('payer_key')!] = hashCard(payerToken(no));
        values[at] = hashCard(no);
      }
      if (ds.id === 'target') {
        // 考核期, 指标 and 目标值 by the assessment's rules (target-check.ts); the period stored canonical
        const row = Object.fromEntries(['period', 'subject_type', 'subject_id', 'indicator', 'target_value'].map((k) => [k, values[slot.get(k)!]])) as unknown as TargetRow;
        const t = checkTarget(row, r);
        for (const i of t.issues) {
          (i.level === 'rejected' ? reject : warn)(headerOf.get(i.key) ?? i.key, i.value, i.reason);
          if (i.unknownRef && !(unknownRefs ??= []).includes(i.unknownRef)) unknownRefs.push(i.unknownRef);
        }
        if (t.period === null || t.issues.some((i) => i.level === 'rejected')) return { values: null, issues: issues.filter((i) => i.level === 'rejected'), day: null };
        values[slot.get('period')!] = t.period;
      }
      if (ds.id === 'grid') {
        const g = values[slot.get('geometry')!] as string | null;
        if (g === null || !isPolygon(g)) {
          reject(GEOMETRY_COL.zh, g?.slice(0, 80) ?? null, '几何图形应为 Polygon 或 MultiPolygon，坐标为数字');
          return { values: null, issues, day: null };
        }
        // empty or self-intersecting: kept, with a warning naming the 网格编号 (grid/geometry-check.ts)
        const gridId = String(values[slot.get('grid_id')!]);
        const w = gridGeometryWarning(gridId, g);
        if (w) warn(headerOf.get('grid_id') ?? '网格编号', gridId, w);
      }
      if (extra) values[extraAt] = JSON.stringify(guardExtra(extra)); // no clear personal numbers aside
      const day = dayKey ? String(values[slot.get(dayKey)!]).slice(0, 10) : null;
      return { values, issues, day, unknownRefs };
    },
  };
}

function valueMapOf(profile: MappingProfile | undefined, key: string): Map<string, string> | null {
  const m = profile?.values?.[key];
  return m ? new Map(Object.entries(m).map(([from, to]) => [from.trim(), to.trim()])) : null;
}

function isPolygon(json: string): boolean {
  try {
    const g = JSON.parse(json) as { type?: string; coordinates?: unknown };
    const ring = (r: unknown) =>
      Array.isArray(r) &&
      r.length >= 4 &&
      r.every((p) => Array.isArray(p) && p.length >= 2 && p.every((x) => typeof x === 'number' && Number.isFinite(x)));
    const poly = (p: unknown) => Array.isArray(p) && p.length > 0 && p.every(ring);
    // an empty one (no rings) is read, and warned about by the caller
    const empty = Array.isArray(g.coordinates) && g.coordinates.length === 0;
    if (g.type === 'Polygon') return empty || poly(g.coordinates);
    if (g.type === 'MultiPolygon') return empty || (Array.isArray(g.coordinates) && g.coordinates.every(poly));
    return false;
  } catch {
    return false;
  }
}
