// The 五级分类 migration matrix (DATA.md "五级 migration") between the base date and the date, or
// the previous month end when no earlier base was asked for: one matrix of amounts, one of counts.
import { CLASS5, MIGRATION_NEW, MIGRATION_PAID, type MigrationResult } from '../../../shared/indicators.js';
import { prevMonthEnd } from '../../../shared/dates.js';
import { enumLabel } from '../../../shared/enum-labels.js';
import type { ChartSpec } from '../../../shared/dashboard.js';
import { migrationMatrix } from '../indicators/index.js';
import { datasetEmpty, hasData } from './availability.js';
import type { DashContext } from './context.js';

export const MIGRATION_ROWS: readonly string[] = [...CLASS5, MIGRATION_NEW];
export const MIGRATION_COLS: readonly string[] = [...CLASS5, MIGRATION_PAID];

/** From when: the base when it lies before the date, else the month end before the date. */
export function migrationFrom(ctx: DashContext): string {
  return ctx.base !== null && ctx.base < ctx.date ? ctx.base : prevMonthEnd(ctx.date);
}

function classLabel(ctx: DashContext, c: string): string {
  if (c === MIGRATION_NEW) return ctx.t(c, 'New');
  if (c === MIGRATION_PAID) return ctx.t(c, 'Paid off');
  return enumLabel(c, ctx.locale, 'class5');
}

export function migrationCharts(ctx: DashContext): ChartSpec[] {
  const from = migrationFrom(ctx);
  const title = (zh: string, en: string) => ctx.t(`五级分类迁徙${zh}（${from} → ${ctx.date}）`, `Risk class migration, ${en} (${from} → ${ctx.date})`);
  const amounts: ChartSpec = { id: 'migration_balance', title: title('金额', 'amounts'), kind: 'matrix', unit: 'yuan', categories: [], series: [] };
  const counts: ChartSpec = { id: 'migration_count', title: title('笔数', 'loans'), kind: 'matrix', unit: 'count', categories: [], series: [] };
  const empty =
    datasetEmpty(ctx, 'loan') ??
    (hasData(ctx, 'loan', from) ? undefined : ctx.t(`${from} 及之前没有贷款数据，无法比较五级分类的变化。`, `No loan data on or before ${from}, so there is nothing to compare the risk classes with.`));
  if (empty) return [{ ...amounts, empty }, { ...counts, empty }];
  const m: MigrationResult = migrationMatrix(ctx.db, from, ctx.date, ctx.target);
  for (const spec of [amounts, counts]) {
    spec.categories = MIGRATION_COLS.map((c) => classLabel(ctx, c));
    spec.rows = MIGRATION_ROWS.map((r) => classLabel(ctx, r));
    spec.series = MIGRATION_ROWS.map((r, i) => ({
      name: spec.rows![i],
      // an absent cell moved nothing
      data: MIGRATION_COLS.map((c) => {
        const cell = m.matrix[r]?.[c];
        return spec === amounts ? (cell?.balance ?? 0) : (cell?.count ?? 0);
      }),
      // each cell opens the loans that moved from its row to its column (drill/keys.ts loan_migration)
      drill: MIGRATION_COLS.map((c) => ctx.listDrill(spec === amounts ? 'loan_migration' : 'loan_migration_count', `${from}|${r}|${c}`)),
    }));
  }
  return [amounts, counts];
}
