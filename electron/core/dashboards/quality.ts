// 资产质量: 不良 and 逾期 balances and ratios, the overdue buckets, the 五级 structure and migration,
// per org and per manager.
import type { ChartSpec, Kpi } from '../../../shared/dashboard.js';
import { CLASS5, OVERDUE_BUCKETS } from '../../../shared/indicators.js';
import { enumLabel } from '../../../shared/enum-labels.js';
import type { DashContext } from './context.js';
import { migrationCharts } from './migration.js';
import { kpi, mapChart, overDays, split, trendDays } from './parts.js';
import { perUnit, perUnitTitle } from './per-unit.js';
import { RANKING_TOP } from './deposit.js';

export const QUALITY_KPIS = ['npl_balance', 'npl_ratio', 'overdue_balance', 'overdue_ratio'];

export function quality(ctx: DashContext): { kpis: Kpi[]; charts: ChartSpec[] } {
  const charts: ChartSpec[] = [
    overDays(ctx, {
      id: 'quality_trend',
      title: ctx.t('不良率与逾期率走势', 'NPL and overdue ratios over time'),
      keys: ['npl_ratio', 'overdue_ratio'],
      days: trendDays(ctx, ['loan']),
      needs: 'loan',
    }),
    mapChart(ctx, {
      id: 'loan_by_class5',
      title: ctx.t('五级分类余额', 'Loans by risk class'),
      key: 'loan_by_class5',
      kind: 'pie',
      order: CLASS5,
      labelOf: (c) => enumLabel(c, ctx.locale, 'class5'),
      needs: 'loan',
      none: ctx.t('没有贷款余额。', 'No loan balances.'),
    }),
    mapChart(ctx, {
      id: 'overdue_buckets',
      title: ctx.t('逾期贷款分段余额（按逾期天数）', 'Overdue loans by days overdue'),
      key: 'overdue_buckets',
      kind: 'bar',
      order: OVERDUE_BUCKETS,
      labelOf: (c) => ctx.t(`${c}天`, `${c} days`),
      needs: 'loan',
      none: ctx.t('没有逾期贷款。', 'No overdue loans.'),
    }),
    ...migrationCharts(ctx),
  ];
  const by = perUnit(ctx);
  if (by) {
    charts.push(
      split(ctx, {
        id: 'quality_by_unit',
        title: perUnitTitle(ctx, by, '不良与逾期', 'Non-performing and overdue loans'),
        keys: ['npl_balance', 'overdue_balance', 'npl_ratio'],
        right: ['npl_ratio'],
        by,
        needs: 'loan',
      }),
    );
  }
  if (by === 'children') {
    charts.push(
      split(ctx, {
        id: 'quality_by_manager',
        title: ctx.t(`不良与逾期（不良余额前${RANKING_TOP}名客户经理）`, `Top ${RANKING_TOP} account managers by non-performing loans`),
        keys: ['npl_balance', 'overdue_balance', 'npl_ratio'],
        right: ['npl_ratio'],
        by: 'staff',
        kind: 'hbar',
        top: RANKING_TOP,
        skipZero: 'loans',
        needs: 'loan',
      }),
    );
  }
  return { kpis: QUALITY_KPIS.map((k) => kpi(ctx, k)), charts };
}
