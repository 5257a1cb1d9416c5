// 总览: the headline figures with their change and target, deposits and loans over the year, and
// the same per org.
import type { ChartSpec, Kpi } from '../../../shared/dashboard.js';
import type { DashContext } from './context.js';
import { kpi, overDays, split, trendDays } from './parts.js';
import { perUnit, perUnitTitle } from './per-unit.js';

export const OVERVIEW_KPIS = [
  'deposit_balance',
  'deposit_avg_month',
  'loan_balance',
  'loan_customers',
  'npl_ratio',
  'overdue_ratio',
  'loan_to_deposit_ratio',
  'customers',
  'intermediate_active_customers',
  'effective_merchants',
  'credit_cards_issued',
  'visits',
  'avg_items_per_customer',
];

export function overview(ctx: DashContext): { kpis: Kpi[]; charts: ChartSpec[] } {
  const charts: ChartSpec[] = [
    overDays(ctx, {
      id: 'overview_trend',
      title: ctx.t('存款与贷款余额走势', 'Deposits and loans over time'),
      keys: ['deposit_balance', 'loan_balance'],
      days: trendDays(ctx, ['deposit', 'loan']),
      needs: 'deposit',
    }),
  ];
  const by = perUnit(ctx);
  if (by) {
    charts.push(
      split(ctx, { id: 'overview_by_unit', title: perUnitTitle(ctx, by, '存贷款余额', 'Deposits and loans'), keys: ['deposit_balance', 'loan_balance'], by, needs: 'deposit' }),
    );
  }
  return { kpis: OVERVIEW_KPIS.map((k) => kpi(ctx, k)), charts };
}
