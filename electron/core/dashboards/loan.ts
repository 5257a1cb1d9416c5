// 贷款: balance, 户数, 比年初, structure by 担保方式 and product, 信用贷款占比, 普惠小微, 线上贷款, and
// per 客户经理 管贷 (balance, 户数, 逾期, 不良): the seed's "客户经理管贷数据日更".
import type { ChartSpec, Kpi } from '../../../shared/dashboard.js';
import { enumLabel } from '../../../shared/enum-labels.js';
import type { DashContext } from './context.js';
import { kpi, mapChart, overDays, split, trendDays } from './parts.js';
import { perUnit, perUnitTitle } from './per-unit.js';

export const LOAN_KPIS = [
  'loan_balance',
  'loan_customers',
  'loans',
  'loan_balance_ytd_change',
  'credit_loan_ratio',
  'inclusive_loan_balance',
  'online_loan_balance',
  'loan_deviation',
];

export function loan(ctx: DashContext): { kpis: Kpi[]; charts: ChartSpec[] } {
  const none = ctx.t('没有贷款余额。', 'No loan balances.');
  const charts: ChartSpec[] = [
    overDays(ctx, {
      id: 'loan_trend',
      title: ctx.t('贷款余额走势', 'Loans over time'),
      keys: ['loan_balance', 'inclusive_loan_balance', 'online_loan_balance'],
      days: trendDays(ctx, ['loan']),
      needs: 'loan',
    }),
    mapChart(ctx, { id: 'loan_by_guarantee', title: ctx.t('贷款结构（按担保方式）', 'Loans by guarantee'), key: 'loan_by_guarantee', kind: 'pie', labelOf: (c) => enumLabel(c, ctx.locale), needs: 'loan', none }),
    mapChart(ctx, { id: 'loan_by_product', title: ctx.t('贷款结构（按产品）', 'Loans by product'), key: 'loan_by_product', kind: 'hbar', needs: 'loan', none }),
  ];
  const by = perUnit(ctx);
  if (by) {
    charts.push(
      split(ctx, {
        id: 'loan_by_unit',
        title: perUnitTitle(ctx, by, '贷款余额与信用贷款占比', 'Loans and unsecured share'),
        keys: ['loan_balance', 'inclusive_loan_balance', 'online_loan_balance', 'credit_loan_ratio'],
        right: ['credit_loan_ratio'],
        by,
        needs: 'loan',
      }),
      split(ctx, {
        id: 'loan_by_manager',
        title: ctx.t('客户经理管贷数据', 'Loans per account manager'),
        keys: ['loan_balance', 'overdue_balance', 'npl_balance', 'loan_customers'],
        right: ['loan_customers'],
        by: 'staff',
        kind: 'table',
        sort: true,
        skipZero: 'loans',
        needs: 'loan',
      }),
    );
  }
  return { kpis: LOAN_KPIS.map((k) => kpi(ctx, k)), charts };
}
