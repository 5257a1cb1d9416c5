// A gap filter in words, for the export file and the audit log: 「数据日期 2024-07-31；已办：代发工资/养老金；
// 未办：手机银行；星级：3星、4星」.
import type { GapQuery, ItemDef } from '../../../shared/crm.js';

/** Names of what the filter names by id; null when the id is not known, absent when not looked up. */
export interface FilterNames {
  org?: string | null;
  manager?: string | null;
  grid?: string | null;
}

const SORT_NAMES: Record<string, string> = { cust_id: '客户号', coverage: '已办项数', avg_assets: '月日均金融资产', star: '星级' };

function named(name: string | null | undefined, id: string): string {
  return name ? `${name}（${id}）` : id;
}

export function describeGapQuery(q: GapQuery, catalog: ItemDef[], names: FilterNames = {}): string {
  const itemName = (id: number) => catalog.find((i) => i.id === id)?.name ?? `第${id}项`;
  const parts: string[] = [`数据日期：${q.date ?? '最新'}`];
  if (q.has?.length) parts.push(`已办：${q.has.map(itemName).join('、')}`);
  if (q.lacks?.length) parts.push(`未办：${q.lacks.map(itemName).join('、')}`);
  if (q.stars?.length) parts.push(`星级：${q.stars.map((s) => `${s}星`).join('、')}`);
  if (q.orgId !== undefined) parts.push(`机构：${named(names.org, q.orgId)}及下属机构`);
  if (q.managerId !== undefined) parts.push(`客户经理：${named(names.manager, q.managerId)}`);
  if (q.gridId !== undefined) parts.push(`网格：${named(names.grid, q.gridId)}`);
  if (q.ageMin !== undefined && q.ageMax !== undefined) parts.push(`年龄：${q.ageMin}–${q.ageMax}岁`);
  else if (q.ageMin !== undefined) parts.push(`年龄：${q.ageMin}岁及以上`);
  else if (q.ageMax !== undefined) parts.push(`年龄：${q.ageMax}岁及以下`);
  if (q.custTypes?.length) parts.push(`客户类型：${q.custTypes.join('、')}`);
  if (parts.length === 1) parts.push('全部客户');
  if (q.sort !== undefined && q.sort !== 'cust_id') parts.push(`排序：${SORT_NAMES[q.sort]}${q.desc ? '从高到低' : '从低到高'}`);
  else if (q.desc) parts.push('排序：客户号倒序');
  return parts.join('；');
}
