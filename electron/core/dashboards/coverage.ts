// 18 项覆盖: the average number of items per customer and, per item of the catalog, the share of
// customers holding it (computed by the customers feature; the indicators carry it).
import type { ChartSpec, Kpi } from '../../../shared/dashboard.js';
import { itemLabel } from '../../../shared/enum-labels.js';
import { getCatalog } from '../crm/catalog.js';
import type { DashContext } from './context.js';
import { kpi, mapChart, split } from './parts.js';
import { perUnit, perUnitTitle } from './per-unit.js';

export const COVERAGE_KPIS = ['avg_items_per_customer', 'customers'];

export function coverage(ctx: DashContext): { kpis: Kpi[]; charts: ChartSpec[] } {
  const items = getCatalog(ctx.db);
  const byId = new Map(items.map((i) => [String(i.id), i]));
  const none = ctx.t(`截至 ${ctx.date} 没有在册客户。`, `No customers on the books as of ${ctx.date}.`);
  const noCustomers = !ctx.at().customers;
  const shares = mapChart(ctx, {
    id: 'item_share',
    title: ctx.t('各项持有率', 'Holding share per item'),
    key: 'item_share',
    kind: 'bar',
    order: items.map((i) => String(i.id)),
    labelOf: (id) => itemLabel(byId.get(id)!, ctx.locale),
    none,
  });
  const charts: ChartSpec[] = [noCustomers ? { ...shares, categories: [], series: [], empty: none } : shares];
  const by = perUnit(ctx);
  if (by) {
    const s = split(ctx, { id: 'coverage_by_unit', title: perUnitTitle(ctx, by, '户均持有项数', 'Items per customer'), keys: ['avg_items_per_customer', 'customers'], right: ['customers'], by, sort: by === 'staff', skipZero: by === 'staff' ? 'customers' : undefined });
    charts.push(noCustomers ? { ...s, categories: [], series: [], empty: none } : s);
  }
  return { kpis: COVERAGE_KPIS.map((k) => kpi(ctx, k)), charts };
}
