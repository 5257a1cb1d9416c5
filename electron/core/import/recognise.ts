// Which dataset a header row belongs to, and which column each header cell fills. The dataset
// is recognised from the header, never from the file name (DATA.md).
import {
  DATASETS,
  DATASET_BY_ID,
  headerNames,
  normaliseHeader,
  type ColumnDef,
  type DatasetDef,
  type DatasetId,
} from '../../../shared/datasets.js';
import type { MappingProfile } from '../../../shared/api.js';

export interface Mapping {
  dataset: DatasetDef;
  /** for each header index, the first column it fills, or null when kept aside or ignored */
  columns: (ColumnDef | null)[];
  /** for each header index, every column it fills (a profile may feed several from one source) */
  targets: ColumnDef[][];
  /** for each header index, true when a profile drops the column entirely (not even kept aside) */
  ignored: boolean[];
  /** columns a profile fills with one value for every row, keyed by column key */
  constants: Map<string, string>;
  missingRequired: ColumnDef[];
  matched: number;
}

const lookup = new Map<DatasetId, Map<string, ColumnDef>>();
for (const ds of DATASETS) {
  const m = new Map<string, ColumnDef>();
  for (const c of ds.columns) for (const n of headerNames(c)) m.set(normaliseHeader(n), c);
  lookup.set(ds.id, m);
}

/**
 * Which columns each header cell fills. A profile's own sources are mapped first, so a profile
 * mapping wins over a standard name elsewhere in the header; then standard names (Chinese, key,
 * EAST) fill what is left, except for columns the profile ignores. The first header cell naming
 * a column wins; a second one (HQCKZH beside DQCKZH) is kept aside.
 */
export function mapHeader(ds: DatasetDef, header: string[], profile?: MappingProfile): Mapping {
  const names = lookup.get(ds.id)!;
  const colByKey = new Map(ds.columns.map((c) => [c.key, c]));
  const fromProfile = new Map<string, ColumnDef[]>();
  for (const [h, target] of Object.entries(profile?.columns ?? {})) {
    const cols = (Array.isArray(target) ? target : [target]).map((k) => colByKey.get(k)).filter((c): c is ColumnDef => !!c);
    fromProfile.set(normaliseHeader(h), cols);
  }
  const ignoreSet = new Set((profile?.ignore ?? []).map(normaliseHeader));
  const constants = new Map(Object.entries(profile?.constants ?? {}).map(([k, v]) => [k, v.trim()]));
  const used = new Set<string>(constants.keys());
  const norm = header.map(normaliseHeader);
  const targets: ColumnDef[][] = header.map(() => []);
  const ignored = norm.map((n) => ignoreSet.has(n));
  norm.forEach((n, i) => {
    for (const col of fromProfile.get(n) ?? []) {
      if (used.has(col.key)) continue;
      used.add(col.key);
      targets[i].push(col);
    }
  });
  norm.forEach((n, i) => {
    if (ignored[i] || fromProfile.has(n)) return;
    const col = names.get(n);
    if (!col || used.has(col.key)) return;
    used.add(col.key);
    targets[i].push(col);
  });
  const missingRequired = ds.columns.filter((c) => c.required && !used.has(c.key));
  const matched = targets.reduce((s, t) => s + t.length, 0);
  return { dataset: ds, columns: targets.map((t) => t[0] ?? null), targets, ignored, constants, missingRequired, matched };
}

export interface Recognition {
  mapping: Mapping | null;
  /** the nearest dataset when none fits, to explain what is missing */
  nearest: Mapping | null;
}

/**
 * The dataset whose required columns are all present and that claims the most header cells.
 * Ties go to the dataset with fewer columns left unfilled, so a customer file is not taken for a
 * visit file because both have 客户号.
 */
export function recogniseHeader(header: string[], profile?: MappingProfile, only?: DatasetId): Recognition {
  if (profile || only) {
    const ds = DATASET_BY_ID[(profile?.dataset ?? only)!];
    const m = mapHeader(ds, header, profile);
    return m.missingRequired.length ? { mapping: null, nearest: m } : { mapping: m, nearest: m };
  }
  let best: Mapping | null = null;
  let nearest: Mapping | null = null;
  for (const ds of DATASETS) {
    if (ds.geojson) continue;
    const m = mapHeader(ds, header);
    if (!nearest || score(m) > score(nearest)) nearest = m;
    if (m.missingRequired.length) continue;
    if (!best || m.matched > best.matched || (m.matched === best.matched && unfilled(m) < unfilled(best))) best = m;
  }
  return { mapping: best, nearest: nearest && nearest.matched > 0 ? nearest : null };
}

function score(m: Mapping): number {
  return m.matched * 10 - m.missingRequired.length;
}

function unfilled(m: Mapping): number {
  return m.dataset.columns.length - m.matched;
}

/**
 * Why a file could not be mapped. With a profile the dataset is known, so the message says what
 * the profile's reading lacks; `hint` is where the user can go next (the UI's manual mapping, or
 * the CLI's --profile), chosen by the caller.
 */
export function unrecognisedMessage(r: Recognition, profile?: MappingProfile, hint?: string): string {
  const tail = hint ? `（${hint}）` : '';
  if (profile && r.nearest) {
    const missing = r.nearest.missingRequired.map((c) => `${c.zh}（${c.key}）`).join('、');
    return `按映射方案「${profile.name}」读作${r.nearest.dataset.zh}时缺少必填列 ${missing}：请在方案的 columns 或 constants 中给出`;
  }
  if (r.nearest && r.nearest.matched >= 2) {
    const missing = r.nearest.missingRequired.map((c) => c.zh).join('、');
    return `无法识别的数据集：表头最接近「${r.nearest.dataset.zh}」，但缺少必填列 ${missing}${tail}`;
  }
  return `无法识别的数据集：表头与标准导出格式的任何数据集都不符${tail}`;
}
