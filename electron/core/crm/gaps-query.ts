// The gap list is a URL: its filters live in the query string (has=15&lacks=10&stars=3,4), so a
// list can be bookmarked, shared and exported as shown. This module parses and writes that
// string and the keyset cursor; gaps.ts runs the query.
import { z } from 'zod';
import type { GapQuery } from '../../../shared/crm.js';
import { CUST_TYPES } from './catalog-schema.js';

export const GAP_SORTS = ['cust_id', 'coverage', 'avg_assets', 'star'] as const;
export type GapSort = (typeof GAP_SORTS)[number];
export const MAX_GAP_LIMIT = 500;
export const DEFAULT_GAP_LIMIT = 50;
const MAX_ITEM = 31; // mask bits that fit a signed 32-bit value; DATA.md uses 1–18

function realDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

/** "3,4" → [3, 4], sorted and without repeats, so equal filters give equal URLs. */
const intList = (what: string, min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+(,\d+)*$/, `${what}应为以逗号分隔的数字，如 3,4`)
    .transform((s) => [...new Set(s.split(',').map(Number))].sort((a, b) => a - b))
    .refine((xs) => xs.every((x) => x >= min && x <= max), `${what}应在 ${min}–${max} 之间`);

const intOf = (what: string, min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `${what}应为整数`)
    .transform(Number)
    .refine((x) => x >= min && x <= max, `${what}应在 ${min}–${max} 之间`);

const id = (what: string) => z.string().trim().min(1, `${what}不能为空`).max(64, `${what}过长`);

const Params = z
  .object({
    date: z.string().trim().refine(realDate, '数据日期应为真实存在的日期 YYYY-MM-DD').optional(),
    has: intList('已办业务编号', 1, MAX_ITEM).optional(),
    lacks: intList('未办业务编号', 1, MAX_ITEM).optional(),
    stars: intList('星级', 1, 5).optional(),
    orgId: id('机构号').optional(),
    managerId: id('客户经理号').optional(),
    gridId: id('网格编号').optional(),
    ageMin: intOf('最小年龄', 0, 150).optional(),
    ageMax: intOf('最大年龄', 0, 150).optional(),
    custTypes: z
      .string()
      .trim()
      .transform((s) => [...new Set(s.split(',').map((x) => x.trim()).filter(Boolean))].sort())
      .refine((xs) => xs.length > 0 && xs.every((x) => (CUST_TYPES as readonly string[]).includes(x)), `客户类型应为 ${CUST_TYPES.join('、')} 之一`)
      .optional(),
    sort: z.enum(GAP_SORTS, { message: `排序应为 ${GAP_SORTS.join('、')} 之一` }).optional(),
    desc: z.enum(['1', '0', 'true', 'false'], { message: 'desc 应为 1 或 0' }).transform((s) => s === '1' || s === 'true').optional(),
    after: z.string().trim().min(1).max(400, '翻页游标过长').optional(),
    limit: intOf('每页条数', 1, MAX_GAP_LIMIT).optional(),
  })
  // zod runs these even when a field failed: look only at values that parsed
  .refine((p) => typeof p.ageMin !== 'number' || typeof p.ageMax !== 'number' || p.ageMin <= p.ageMax, { message: '最小年龄不能大于最大年龄' })
  .refine((p) => !Array.isArray(p.has) || !Array.isArray(p.lacks) || !p.has.some((x) => p.lacks!.includes(x)), {
    message: '同一业务不能既要求已办又要求未办',
  });

/**
 * Query string (or its object) → GapQuery. Empty values count as absent; unknown parameters are
 * left to the page (a tab, a scroll position). Throws an Error whose message is the Chinese
 * sentence to show.
 */
export function parseGapQuery(params: URLSearchParams | Record<string, string | undefined>): GapQuery {
  const entries = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params);
  const raw: Record<string, string> = {};
  for (const [k, v] of entries) if (typeof v === 'string' && v.trim() !== '') raw[k] = v;
  const r = Params.safeParse(raw);
  if (!r.success) {
    const msgs = r.error.issues.map((i) => (i.path.length ? `${String(i.path[0])}: ${i.message}` : i.message));
    throw new Error(`筛选条件有误：${msgs.join('；')}`);
  }
  const q: GapQuery = {};
  for (const [k, v] of Object.entries(r.data)) {
    if (v === undefined || (Array.isArray(v) && v.length === 0)) continue;
    (q as Record<string, unknown>)[k] = v;
  }
  if (q.desc === false) delete q.desc;
  if (q.after !== undefined) decodeCursor(q.after, sortOf(q), q.desc === true); // fail early, with the filter's message
  return q;
}

const ORDER: (keyof GapQuery)[] = ['date', 'has', 'lacks', 'stars', 'orgId', 'managerId', 'gridId', 'ageMin', 'ageMax', 'custTypes', 'sort', 'desc', 'after', 'limit'];

/** GapQuery → query string parameters, in a fixed order; parseGapQuery reads it back equal. */
export function gapQueryToParams(q: GapQuery): URLSearchParams {
  const p = new URLSearchParams();
  for (const k of ORDER) {
    const v = q[k];
    if (v === undefined || v === false || (Array.isArray(v) && v.length === 0)) continue;
    if (Array.isArray(v)) p.set(k, v.join(','));
    else if (v === true) p.set(k, '1');
    else p.set(k, String(v));
  }
  return p;
}

export function sortOf(q: GapQuery): GapSort {
  return q.sort ?? 'cust_id';
}

/** The cursor names its sort, so a cursor from one ordering is refused under another. */
export interface Cursor {
  key: number | null; // the sort column's value (null when sorting by cust_id)
  custId: string;
}

export function encodeCursor(sort: GapSort, desc: boolean, c: Cursor): string {
  return Buffer.from(JSON.stringify([sort, desc ? 1 : 0, c.key, c.custId]), 'utf8').toString('base64url');
}

export function decodeCursor(s: string, sort: GapSort, desc: boolean): Cursor {
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
  } catch {
    throw new Error('筛选条件有误：after: 翻页游标无效，请回到第一页');
  }
  if (!Array.isArray(v) || v.length !== 4 || typeof v[3] !== 'string' || !(v[2] === null || Number.isInteger(v[2]))) {
    throw new Error('筛选条件有误：after: 翻页游标无效，请回到第一页');
  }
  if (v[0] !== sort || v[1] !== (desc ? 1 : 0) || (sort === 'cust_id') !== (v[2] === null)) {
    throw new Error('筛选条件有误：after: 翻页游标与当前排序不符，请回到第一页');
  }
  return { key: v[2] as number | null, custId: v[3] };
}
