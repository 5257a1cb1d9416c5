// The documents' own words (cover, headings, page numbers) in Chinese and English. The figures'
// names come with the DashboardSpec, already in the asked language.
import type { DashboardSpec } from '../../../shared/dashboard.js';

export type Lang = 'zh' | 'en';

export interface DocWords {
  cover: string;
  title: string;
  scope: string;
  date: string;
  base: string;
  noBase: string;
  who: string;
  when: string;
  whenSuffix: string;
  kpis: string;
  indicator: string;
  value: string;
  unit: string;
  baseValue: string;
  change: string;
  target: string;
  completion: string;
  category: string;
  row: string;
  noData: string;
  sheetNote: string;
  page: (n: number, m: number) => string;
  scopeType: Record<DashboardSpec['scope']['type'], string>;
}

const ZH: DocWords = {
  cover: '封面',
  title: '标题',
  scope: '范围',
  date: '数据日期',
  base: '比较基准日',
  noBase: '无',
  who: '导出人',
  when: '导出时间',
  whenSuffix: '（北京时间）',
  kpis: '主要指标',
  indicator: '指标',
  value: '数值',
  unit: '单位',
  baseValue: '基准日数值',
  change: '较基准变动',
  target: '考核目标',
  completion: '目标完成率',
  category: '项目',
  row: '行',
  noData: '无数据',
  sheetNote: '金额单位：元（PDF 以万元显示）；比率以百分比格式显示，单元格内为未经舍入的原值。',
  page: (n, m) => `第 ${n} 页 / 共 ${m} 页`,
  scopeType: { bank: '全行', org: '机构', staff: '员工' },
};

const EN: DocWords = {
  cover: 'Cover',
  title: 'Title',
  scope: 'Scope',
  date: 'Data date',
  base: 'Comparison date',
  noBase: 'none',
  who: 'Exported by',
  when: 'Exported at',
  whenSuffix: ' (Beijing time)',
  kpis: 'Key figures',
  indicator: 'Indicator',
  value: 'Value',
  unit: 'Unit',
  baseValue: 'At comparison date',
  change: 'Change',
  target: 'Target',
  completion: 'Target completion',
  category: 'Item',
  row: 'Row',
  noData: 'No data',
  sheetNote: 'Amounts in yuan (the PDF shows 10k yuan); ratios formatted as percentages, cells hold the unrounded value.',
  page: (n, m) => `Page ${n} of ${m}`,
  scopeType: { bank: 'Whole bank', org: 'Org', staff: 'Staff' },
};

export function wordsOf(lang: Lang): DocWords {
  return lang === 'en' ? EN : ZH;
}

/** "机构：城东支行 (B1)" — the scope line of the cover, the title block and the audit. */
export function scopeLine(spec: DashboardSpec, lang: Lang): string {
  const w = wordsOf(lang);
  const s = spec.scope;
  if (s.type === 'bank') return `${w.scopeType.bank}${s.name && s.name !== w.scopeType.bank ? `（${s.name}）` : ''}`;
  return `${w.scopeType[s.type]}${lang === 'zh' ? '：' : ': '}${s.name}${s.id && s.id !== s.name ? ` (${s.id})` : ''}`;
}
