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
  /** for each header index, the column it fills, or null when kept aside */
  columns: (ColumnDef | null)[];
  missingRequired: ColumnDef[];
  matched: number;
}

const lookup = new Map<DatasetId, Map<string, ColumnDef>>();
for (const ds of DATASETS) {
  const m = new Map<string, ColumnDef>();
  for (const c of ds.columns) for (const n of headerNames(c)) m.set(normaliseHeader(n), c);
  lookup.set(ds.id, m);
}

export function mapHeader(ds: DatasetDef, header: string[], profile?: MappingProfile): Mapping {
  const names = lookup.get(ds.id)!;
  const fromProfile = new Map<string, ColumnDef>();
  if (profile) {
    for (const [h, key] of Object.entries(profile.columns)) {
      const col = ds.columns.find((c) => c.key === key);
      if (col) fromProfile.set(normaliseHeader(h), col);
    }
  }
  const used = new Set<string>();
  const columns = header.map((h) => {
    const n = normaliseHeader(h);
    const col = fromProfile.get(n) ?? names.get(n);
    // the first header cell naming a column wins; a second one (HQCKZH beside DQCKZH) is kept aside
    if (!col || used.has(col.key)) return null;
    used.add(col.key);
    return col;
  });
  const missingRequired = ds.columns.filter((c) => c.required && !used.has(c.key));
  return { dataset: ds, columns, missingRequired, matched: used.size };
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

export function unrecognisedMessage(r: Recognition): string {
  if (r.nearest && r.nearest.matched >= 2) {
    const missing = r.nearest.missingRequired.map((c) => c.zh).join('、');
    return `无法识别的数据集：表头最接近「${r.nearest.dataset.zh}」，但缺少必填列 ${missing}`;
  }
  return '无法识别的数据集：表头与标准导出格式的任何数据集都不符（可用“手工映射”保存映射方案后导入）';
}
