// 存款: balance, daily averages, 比年初/比上月, 存款偏离度 against the threshold setting per org and
// per manager, structure by 存款种类, rankings.
import type { ChartSpec, Kpi } from '../../../shared/dashboard.js';
import { enumLabel } from '../../../shared/enum-labels.js';
import { indicatorSettings } from '../settings/indicators.js';
import type { DashContext } from './context.js';
import { kpi, mapChart, overDays, split, trendDays } from './parts.js';
import { perUnit, perUnitTitle } from './per-unit.js';

export const DEPOSIT_KPIS = [
  'deposit_balance',
  'deposit_avg_month',
  'deposit_avg_quarter',
  'deposit_avg_year',
  'deposit_balance_ytd_change',
  'deposit_balance_mtd_change',
  'deposit_deviation',
  'deposit_accounts',
];

/** How many staff members a ranking shows (readable at 1366×768). */
export const RANKING_TOP = 15;

export function deviationThreshold(ctx: DashContext): NonNullable<ChartSpec['threshold']> {
  const v = indicatorSettings(ctx.db).deviationThreshold;
  const pct = `${+(v * 100).toFixed(2)}%`;
  return { value: v, label: ctx.t(`阈值 ${pct}`, `Threshold ${pct}`) };
}

export function deposit(ctx: DashContext): { kpis: Kpi[]; charts: ChartSpec[] } {
  const charts: ChartSpec[] = [
    overDays(ctx, {
      id: 'deposit_trend',
      title: ctx.t('存款余额与月日均走势', 'Deposits and month daily average over time'),
      keys: ['deposit_balance', 'deposit_avg_month'],
      days: trendDays(ctx, ['deposit']),
      needs: 'deposit',
    }),
    mapChart(ctx, {
      id: 'deposit_by_kind',
      title: ctx.t('存款结构（按存款种类）', 'Deposits by kind'),
      key: 'deposit_by_kind',
      kind: 'pie',
      labelOf: (c) => enumLabel(c, ctx.locale),
      needs: 'deposit',
      none: ctx.t('没有存款余额。', 'No deposit balances.'),
    }),
  ];
  const by = perUnit(ctx);
  const threshold = deviationThreshold(ctx);
  if (by) {
    charts.push(
      split(ctx, { id: 'deposit_by_unit', title: perUnitTitle(ctx, by, '存款余额与日均', 'Deposits and daily average'), keys: ['deposit_balance', 'deposit_avg_month'], by, needs: 'deposit' }),
      split(ctx, { id: 'deposit_change_by_unit', title: perUnitTitle(ctx, by, '存款比年初、比上月增量', 'Deposit change since year start and last month end'), keys: ['deposit_balance_ytd_change', 'deposit_balance_mtd_change'], by, needs: 'deposit' }),
      split(ctx, { id: 'deposit_deviation_by_unit', title: perUnitTitle(ctx, by, '存款偏离度', 'Deposit deviation'), keys: ['deposit_deviation'], by, threshold, needs: 'deposit' }),
    );
  }
  if (by === 'children') {
    charts.push(
      // the highest first: the managers the threshold is about (DATA.md monitoring model 1)
      split(ctx, {
        id: 'deposit_deviation_by_staff',
        title: ctx.t(`存款偏离度（最高的${RANKING_TOP}名客户经理）`, `Deposit deviation, top ${RANKING_TOP} account managers`),
        keys: ['deposit_deviation'],
        by: 'staff',
        kind: 'hbar',
        top: RANKING_TOP,
        skipZero: 'deposit_balance',
        threshold,
        needs: 'deposit',
      }),
    );
  }
  if (by) {
    charts.push(
      split(ctx, { id: 'deposit_ranking', title: ctx.t(`存款余额排名（前${RANKING_TOP}名员工）`, `Top ${RANKING_TOP} staff by deposits`), keys: ['deposit_balance'], by: 'staff', kind: 'hbar', top: RANKING_TOP, skipZero: 'deposit_balance', needs: 'deposit' }),
    );
  }
  return { kpis: DEPOSIT_KPIS.map((k) => kpi(ctx, k)), charts };
}
