// The gap list's filter as it lives in a URL (#/gaps?has=15&lacks=10&stars=3,4, and the same
// parameters on GET /api/gaps and /api/gaps/export): one zod schema, read by the core for every
// request and by the renderer for its own address bar, so a value the core would refuse is never
// quietly dropped by the page. Messages come in both languages from the same rules.
import { z } from 'zod';
import type { GapQuery } from './crm.js';
import { DATASET_BY_ID } from './datasets.js';
import { isDay } from './dates.js';

export const GAP_SORTS = ['cust_id', 'coverage', 'avg_assets', 'star'] as const;
export type GapSort = (typeof GAP_SORTS)[number];
export const MAX_GAP_LIMIT = 500;
export const DEFAULT_GAP_LIMIT = 50;
/** mask bits that fit a signed 32-bit value; DATA.md uses 1–18 */
export const MAX_ITEM = 31;
export const GAP_CUST_TYPES: readonly string[] = (DATASET_BY_ID.customer.columns.find((c) => c.key === 'cust_type')?.values ?? []).map((v) => v.label);

/** Every parameter the filter reads, in the order a URL writes them. */
export const GAP_PARAMS = ['date', 'has', 'lacks', 'stars', 'orgId', 'managerId', 'gridId', 'ageMin', 'ageMax', 'custTypes', 'sort', 'desc', 'after', 'limit'] as const;
export type GapParam = (typeof GAP_PARAMS)[number];

export type Lang = 'zh' | 'en';

function schemaFor(lang: Lang) {
  const m = (zh: string, en: string) => (lang === 'zh' ? zh : en);
  const and = m('、', ', ');

  /** "3,4" → [3, 4], sorted and without repeats, so equal filters give equal URLs. */
  const intList = (what: [string, string], min: number, max: number) =>
    z
      .string()
      .trim()
      .regex(/^\d+(,\d+)*$/, m(`${what[0]}应为以逗号分隔的数字，如 3,4`, `${what[1]}: numbers separated by commas, e.g. 3,4`))
      .transform((s) => [...new Set(s.split(',').map(Number))].sort((a, b) => a - b))
      .refine((xs) => xs.every((x) => x >= min && x <= max), m(`${what[0]}应在 ${min}–${max} 之间`, `${what[1]}: each between ${min} and ${max}`));

  const intOf = (what: [string, string], min: number, max: number) =>
    z
      .string()
      .trim()
      .regex(/^\d+$/, m(`${what[0]}应为整数`, `${what[1]}: a whole number`))
      .transform(Number)
      .refine((x) => x >= min && x <= max, m(`${what[0]}应在 ${min}–${max} 之间`, `${what[1]}: between ${min} and ${max}`));

  const id = (what: [string, string]) =>
    z
      .string()
      .trim()
      .min(1, m(`${what[0]}不能为空`, `${what[1]}: empty`))
      .max(64, m(`${what[0]}过长`, `${what[1]}: too long`));

  return (
    z
      .object({
        date: z.string().trim().refine(isDay, m('数据日期应为真实存在的日期 YYYY-MM-DD', 'data date: a day that exists, YYYY-MM-DD')).optional(),
        has: intList(['已办业务编号', 'held items'], 1, MAX_ITEM).optional(),
        lacks: intList(['未办业务编号', 'missing items'], 1, MAX_ITEM).optional(),
        stars: intList(['星级', 'stars'], 1, 5).optional(),
        orgId: id(['机构号', 'org']).optional(),
        managerId: id(['客户经理号', 'account manager']).optional(),
        gridId: id(['网格编号', 'grid']).optional(),
        ageMin: intOf(['最小年龄', 'minimum age'], 0, 150).optional(),
        ageMax: intOf(['最大年龄', 'maximum age'], 0, 150).optional(),
        custTypes: z
          .string()
          .trim()
          .transform((s) => [...new Set(s.split(',').map((x) => x.trim()).filter(Boolean))].sort())
          .refine(
            (xs) => xs.length > 0 && xs.every((x) => GAP_CUST_TYPES.includes(x)),
            m(`客户类型应为 ${GAP_CUST_TYPES.join('、')} 之一`, `customer type: one of ${GAP_CUST_TYPES.join(and)}`),
          )
          .optional(),
        sort: z.enum(GAP_SORTS, { message: m(`排序应为 ${GAP_SORTS.join('、')} 之一`, `sort: one of ${GAP_SORTS.join(and)}`) }).optional(),
        desc: z
          .enum(['1', '0', 'true', 'false'], { message: m('desc 应为 1 或 0', 'desc: 1 or 0') })
          .transform((s) => s === '1' || s === 'true')
          .optional(),
        after: z.string().trim().min(1).max(400, m('翻页游标过长', 'page cursor: too long')).optional(),
        limit: intOf(['每页条数', 'page size'], 1, MAX_GAP_LIMIT).optional(),
      })
      // zod runs these even when a field failed: look only at values that parsed
      .refine((p) => typeof p.ageMin !== 'number' || typeof p.ageMax !== 'number' || p.ageMin <= p.ageMax, {
        message: m('最小年龄不能大于最大年龄', 'the minimum age is above the maximum age'),
      })
      .refine((p) => !Array.isArray(p.has) || !Array.isArray(p.lacks) || !p.has.some((x) => p.lacks!.includes(x)), {
        message: m('同一业务不能既要求已办又要求未办', 'an item cannot be both held and missing'),
      })
  );
}

const SCHEMAS: Record<Lang, ReturnType<typeof schemaFor>> = { zh: schemaFor('zh'), en: schemaFor('en') };

export type GapFilterResult = { ok: true; query: GapQuery } | { ok: false; problems: string[] };

/**
 * Parameters → GapQuery, or every problem found, each naming its parameter. Accepts the pairs of
 * a URLSearchParams or the entries of a router query (whose values may be arrays or null). An
 * empty value counts as absent; a parameter given twice is a problem (lists are comma-separated,
 * and keeping one of two values would be a guess); parameters the filter does not read are left
 * to the page (a tab, the data scope's `org`).
 */
export function readGapFilter(entries: Iterable<readonly [string, unknown]>, lang: Lang = 'zh'): GapFilterResult {
  const raw: Record<string, string> = {};
  const problems: string[] = [];
  for (const [k, v] of entries) {
    if (!(GAP_PARAMS as readonly string[]).includes(k)) continue;
    const values = (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string' && x.trim() !== '');
    if (values.length === 0) continue;
    if (k in raw || values.length > 1) {
      if (!problems.some((p) => p.startsWith(`${k}:`))) problems.push(`${k}: ${lang === 'zh' ? '只能出现一次（多个值请以逗号分隔）' : 'given more than once (separate several values by commas)'}`);
      continue;
    }
    raw[k] = values[0];
  }
  const r = SCHEMAS[lang].safeParse(raw);
  if (!r.success) problems.push(...r.error.issues.map((i) => (i.path.length ? `${String(i.path[0])}: ${i.message}` : i.message)));
  if (problems.length || !r.success) return { ok: false, problems };
  const query: GapQuery = {};
  for (const [k, v] of Object.entries(r.data)) {
    if (v === undefined || (Array.isArray(v) && v.length === 0)) continue;
    (query as Record<string, unknown>)[k] = v;
  }
  if (query.desc === false) delete query.desc;
  return { ok: true, query };
}

/** The sentence shown for a refused filter. */
export function gapFilterMessage(problems: string[], lang: Lang = 'zh'): string {
  return lang === 'zh' ? `筛选条件有误：${problems.join('；')}` : `Bad filter: ${problems.join('; ')}`;
}

/** GapQuery → query string parameters, in a fixed order; readGapFilter reads it back equal. */
export function gapQueryToParams(q: GapQuery): URLSearchParams {
  const p = new URLSearchParams();
  for (const k of GAP_PARAMS) {
    const v = q[k];
    if (v === undefined || v === false || (Array.isArray(v) && v.length === 0)) continue;
    if (Array.isArray(v)) p.set(k, v.join(','));
    else if (v === true) p.set(k, '1');
    else p.set(k, String(v));
  }
  return p;
}
