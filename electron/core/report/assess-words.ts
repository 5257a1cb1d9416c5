// The assessment documents' own words, and how each indicator of a sheet prints. The numbers are
// the core's (shared/assessment.ts: money in 元, ratios and completions unrounded); rounding
// happens only when printed (documents/format.ts) or under a cell's number format.
import { TARGET_INDICATORS, type AssessResult, type ObjectType, type TargetIndicatorId } from '../../../shared/assessment.js';
import type { BaseUnit } from '../documents/format.js';
import type { Lang } from '../documents/labels.js';

const ZH = {
  sheetTitle: '绩效考核表',
  rankingTitle: '考核排名与对标',
  bookTitle: '绩效考核汇总',
  bank: '银行',
  period: '考核期',
  asOf: '评价日',
  progress: '（进度）',
  scope: '范围',
  object: '考核对象',
  scheme: '方案版本',
  locked: '锁定',
  lockedAt: (at: string, by: string) => `已于 ${at} 由 ${by} 锁定`,
  notLocked: '未锁定',
  dataChanged: '（锁定后数据已变化）',
  type: { org: '机构', staff: '员工' } as Record<ObjectType, string>,
  indicator: '考核指标',
  target: '目标',
  actual: '实际',
  completion: '完成率',
  weight: '权重',
  score: '得分',
  noTarget: '未设目标',
  subtotal: '指标得分合计',
  deductions: '扣分',
  adjustments: '加减分',
  total: '总分',
  full: '满分',
  rank: '名次',
  deductionItems: '扣分明细（已确认预警）',
  adjustmentItems: '加减分明细',
  alert: '预警号',
  rule: '规则',
  summary: '摘要',
  points: '分值',
  reason: '理由',
  by: '操作人',
  at: '时间',
  none: '无',
  summarySheet: '汇总',
  id: '编号',
  name: '名称',
  value: '数值',
  gapBest: '与最优差距',
  gapAvg: '与平均差距',
  prevRank: '上期名次',
  rankChange: '名次变化',
  distribution: '分布',
  totalIndicator: '总分',
  note: '金额单位：元；完成率、比率单元格为未经舍入的原值；得分保留原值，显示两位小数。',
  unitYuan: '元',
  unit: '单位',
};

type Words = typeof ZH;

const EN: Words = {
  sheetTitle: 'Performance assessment sheet',
  rankingTitle: 'Assessment ranking and benchmarking',
  bookTitle: 'Performance assessment book',
  bank: 'Bank',
  period: 'Period',
  asOf: 'Evaluated on',
  progress: ' (in progress)',
  scope: 'Scope',
  object: 'Assessed',
  scheme: 'Scheme version',
  locked: 'Locked',
  lockedAt: (at, by) => `locked at ${at} by ${by}`,
  notLocked: 'not locked',
  dataChanged: ' (data changed since)',
  type: { org: 'Org', staff: 'Staff' },
  indicator: 'Indicator',
  target: 'Target',
  actual: 'Actual',
  completion: 'Completion',
  weight: 'Weight',
  score: 'Score',
  noTarget: 'No target',
  subtotal: 'Indicator points',
  deductions: 'Deductions',
  adjustments: 'Adjustments',
  total: 'Total',
  full: 'Full marks',
  rank: 'Rank',
  deductionItems: 'Deductions (confirmed alerts)',
  adjustmentItems: 'Adjustments',
  alert: 'Alert',
  rule: 'Rule',
  summary: 'Summary',
  points: 'Points',
  reason: 'Reason',
  by: 'By',
  at: 'At',
  none: 'none',
  summarySheet: 'Summary',
  id: 'ID',
  name: 'Name',
  value: 'Value',
  gapBest: 'Gap to best',
  gapAvg: 'Gap to average',
  prevRank: 'Previous rank',
  rankChange: 'Rank change',
  distribution: 'Distribution',
  totalIndicator: 'Total score',
  note: 'Amounts in yuan; completion and ratio cells hold the unrounded value; scores unrounded, shown with 2 decimals.',
  unitYuan: 'yuan',
  unit: 'Unit',
};

export const assessWords = (lang: Lang): Words => (lang === 'en' ? EN : ZH);

const META = new Map(TARGET_INDICATORS.map((t) => [t.id as string, t]));

export function indicatorLabel(id: TargetIndicatorId | 'total', lang: Lang): string {
  if (id === 'total') return assessWords(lang).totalIndicator;
  const m = META.get(id);
  return m ? (lang === 'en' ? m.en : m.zh) : id;
}

/** The unit an indicator's target and actual print in; points (scores, the total) print as 'avg': two decimals. */
export function indicatorUnit(id: TargetIndicatorId | 'total'): BaseUnit {
  if (id === 'total') return 'avg';
  return (META.get(id)?.unit ?? 'count') as BaseUnit;
}

/** 2024-07 (评价日 2024-07-31) — the period line of every title block. */
export function periodLine(r: Pick<AssessResult, 'period' | 'as_of' | 'progress'>, lang: Lang): string {
  const w = assessWords(lang);
  return `${r.period}（${w.asOf} ${r.as_of}${r.progress ? w.progress : ''}）`.replace(/[（）]/g, (c) => (lang === 'zh' ? c : c === '（' ? ' (' : ')'));
}

export function lockLine(r: Pick<AssessResult, 'locked'>, lang: Lang): string {
  const w = assessWords(lang);
  if (!r.locked) return w.notLocked;
  return `${w.lockedAt(r.locked.at.replace('T', ' ').slice(0, 19), r.locked.by)}${r.locked.data_changed_since ? w.dataChanged : ''}`;
}

/** 方案版本: one version, or one per object type when the book mixes orgs and staff (机构 v2；员工 v1). */
export function schemeLine(r: Pick<AssessResult, 'sheets'>, lang: Lang): string {
  const w = assessWords(lang);
  const byType = new Map<ObjectType, Set<number>>();
  for (const s of r.sheets) {
    const set = byType.get(s.object.type) ?? new Set<number>();
    set.add(s.scheme_version);
    byType.set(s.object.type, set);
  }
  const text = (vs: Set<number>) => [...vs].sort((a, b) => a - b).map((v) => `v${v}`).join('/');
  if (byType.size === 1) return text([...byType.values()][0]);
  return [...byType.entries()].map(([t, vs]) => `${w.type[t]} ${text(vs)}`).join(lang === 'zh' ? '；' : '; ');
}
