// 贷记卡 (issued, 激活率, 睡眠卡率) and 走访 (visits by staff and by day, 网格覆盖率).
import type { ChartSpec, Kpi } from '../../../shared/dashboard.js';
import type { DashContext } from './context.js';
import { kpi, monthDays, overDays, split } from './parts.js';
import { perUnit, perUnitTitle } from './per-unit.js';
import { RANKING_TOP } from './deposit.js';

export const CARD_VISIT_KPIS = [
  'credit_cards_issued',
  'credit_card_activation_rate',
  'credit_card_sleep_rate',
  'visits',
  'visited_customers',
  'grid_coverage_ratio',
];

export function cardVisit(ctx: DashContext): { kpis: Kpi[]; charts: ChartSpec[] } {
  const charts: ChartSpec[] = [];
  const by = perUnit(ctx);
  if (by) {
    const cards = split(ctx, {
      id: 'cards_by_unit',
      title: perUnitTitle(ctx, by, '贷记卡发卡量与激活率、睡眠卡率', 'Credit cards, activation and dormancy'),
      keys: ['credit_cards_issued', 'credit_card_activation_rate', 'credit_card_sleep_rate'],
      right: ['credit_card_activation_rate', 'credit_card_sleep_rate'],
      by,
      sort: by === 'staff',
      skipZero: by === 'staff' ? 'credit_cards_issued' : undefined,
    });
    if (!cards.empty && ctx.at().credit_cards_issued === 0) cards.empty = ctx.t(`截至 ${ctx.date} 没有贷记卡。`, `No credit cards issued as of ${ctx.date}.`);
    charts.push(cards);
  }
  charts.push(
    overDays(ctx, {
      id: 'visits_by_day',
      title: ctx.t('走访次数（按日，本月）', 'Visits by day (this month)'),
      keys: ['visits_day'],
      kind: 'bar',
      days: monthDays(ctx, 'visit'),
      needs: 'visit',
    }),
  );
  if (by) {
    charts.push(
      split(ctx, { id: 'visits_by_staff', title: ctx.t(`走访次数（本月，前${RANKING_TOP}名员工）`, `Top ${RANKING_TOP} staff by visits this month`), keys: ['visits', 'visited_customers'], by: 'staff', kind: 'hbar', top: RANKING_TOP, skipZero: 'visits', needs: 'visit' }),
      split(ctx, { id: 'grid_coverage_by_unit', title: perUnitTitle(ctx, by, '网格覆盖率（本月）', 'Grid coverage this month'), keys: ['grid_coverage_ratio'], by, skipZero: by === 'staff' ? 'grid_households' : undefined, needs: 'visit' }),
    );
  }
  return { kpis: CARD_VISIT_KPIS.map((k) => kpi(ctx, k)), charts };
}
