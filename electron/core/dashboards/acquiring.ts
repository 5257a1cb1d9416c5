// 收单: merchants, 有效 and 高质量 merchants and their share, transactions and amounts by day.
import type { ChartSpec, Kpi } from '../../../shared/dashboard.js';
import type { DashContext } from './context.js';
import { kpi, monthDays, overDays, split } from './parts.js';
import { perUnit, perUnitTitle } from './per-unit.js';

export const ACQUIRING_KPIS = [
  'merchants',
  'effective_merchants',
  'high_quality_merchants',
  'effective_merchant_share',
  'high_quality_merchant_share',
  'acq_txn_count',
  'acq_txn_amount',
];

export function acquiring(ctx: DashContext): { kpis: Kpi[]; charts: ChartSpec[] } {
  const charts: ChartSpec[] = [
    overDays(ctx, {
      id: 'acq_by_day',
      title: ctx.t('收单交易（按日，本月）', 'Acquiring transactions by day (this month)'),
      keys: ['acq_txn_amount_day', 'acq_txn_count_day'],
      right: ['acq_txn_count_day'],
      kind: 'bar',
      days: monthDays(ctx, 'acq_txn'),
      needs: 'acq_txn',
    }),
  ];
  const by = perUnit(ctx);
  if (by) {
    charts.push(
      split(ctx, {
        id: 'merchants_by_unit',
        title: perUnitTitle(ctx, by, '商户数与有效、高质量商户', 'Merchants, effective and high-quality'),
        keys: ['merchants', 'effective_merchants', 'high_quality_merchants', 'effective_merchant_share'],
        right: ['effective_merchant_share'],
        by,
        sort: by === 'staff',
        skipZero: by === 'staff' ? 'merchants' : undefined,
      }),
      split(ctx, {
        id: 'acq_amount_by_unit',
        title: perUnitTitle(ctx, by, '收单交易金额（本月）', 'Acquiring amount this month'),
        keys: ['acq_txn_amount', 'acq_txn_count'],
        right: ['acq_txn_count'],
        by,
        sort: by === 'staff',
        skipZero: by === 'staff' ? 'merchants' : undefined,
        needs: 'acq_txn',
      }),
    );
  }
  return { kpis: ACQUIRING_KPIS.map((k) => kpi(ctx, k)), charts };
}
