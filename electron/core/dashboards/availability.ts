// Which dated data a figure stands on, and the sentence an empty chart shows instead of empty axes.
// Snapshots (deposit, loan) stand for every day until the next one (DATA.md), so a day has deposit
// figures once any snapshot ≤ it is loaded; 收单 and visits are counted per month, so a day has
// them when the month up to it holds any.
import { monthStart } from '../../../shared/dates.js';
import type { DashContext } from './context.js';

export type Dated = 'deposit' | 'loan' | 'acq_txn' | 'visit';

/** The dated dataset a key is computed from; null for the undated ones (customers, cards, signings, merchants, grids). */
export function datasetOf(key: string): Dated | null {
  if (key.startsWith('deposit_')) return 'deposit';
  // 有效/高质量 are judged on the month's 消费 transactions
  if (key.startsWith('acq_txn_') || /^(effective|high_quality)_merchant/.test(key)) return 'acq_txn';
  if (['visits', 'visits_day', 'visited_customers', 'grid_visited_households', 'grid_coverage_ratio'].includes(key)) return 'visit';
  if (/^(loan|loans$|npl_|overdue_|credit_loan|inclusive_|online_)/.test(key)) return 'loan';
  return null;
}

/** True when `date` has data of the dataset (see above). */
export function hasData(ctx: DashContext, ds: Dated, date: string = ctx.date): boolean {
  const from = ds === 'acq_txn' || ds === 'visit' ? monthStart(date) : '';
  return ctx.dataDays().some((d) => d[ds] && d.date <= date && d.date >= from);
}

/** The first day holding any data, or null for an empty bank. */
export function firstDataDay(ctx: DashContext): string | null {
  return ctx.dataDays()[0]?.date ?? null;
}

/** Why the whole dashboard is empty on the date, or undefined when it has data. */
export function dashboardEmpty(ctx: DashContext): string | undefined {
  const first = firstDataDay(ctx);
  if (first === null) return ctx.t('尚未导入任何数据：请先在“数据导入”中导入存款、贷款等文件。', 'No data has been imported yet: import the deposit, loan and other files first.');
  if (ctx.date < first) return ctx.t(`${ctx.date} 及之前没有任何数据，最早的数据日期是 ${first}。`, `There is no data on or before ${ctx.date}; the earliest data date is ${first}.`);
  return undefined;
}

/** Why a chart of the dataset is empty on the date, or undefined when it has data. */
export function datasetEmpty(ctx: DashContext, ds: Dated, date: string = ctx.date): string | undefined {
  if (hasData(ctx, ds, date)) return undefined;
  const month = date.slice(0, 7);
  switch (ds) {
    case 'deposit':
      return ctx.t(`${date} 及之前尚未导入存款数据。`, `No deposit data on or before ${date} has been imported yet.`);
    case 'loan':
      return ctx.t(`${date} 及之前尚未导入贷款数据。`, `No loan data on or before ${date} has been imported yet.`);
    case 'acq_txn':
      return ctx.t(`${month} 月初至 ${date} 没有收单交易数据。`, `No acquiring transactions from the start of ${month} to ${date}.`);
    case 'visit':
      return ctx.t(`${month} 月初至 ${date} 没有走访记录。`, `No visits recorded from the start of ${month} to ${date}.`);
  }
}
