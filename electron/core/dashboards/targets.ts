// 考核目标 beside a KPI: the target of the period containing the date (month 'YYYY-MM', then quarter
// 'YYYYQn', then year 'YYYY') for the dashboard's object (机构 = the org, the head office for the
// bank; 员工 = the staff member), with its completion. Only the target indicators of DATA.md
// "Assessment" are read (by id or Chinese name); a 指标 the table does not name is left alone
// rather than guessed onto a figure that sounds alike.
import { headOfficeOf } from '../scope/index.js';
import { loadOrgTree } from '../metrics/org-tree.js';
import { monthEnd } from '../../../shared/dates.js';
import type { Kpi } from '../../../shared/dashboard.js';
import { ratio } from '../metrics/ratio.js';
import { fen, scalar, type DashContext } from './context.js';

type PeriodKind = 'month' | 'quarter' | 'year';

interface TargetIndicator {
  id: string;
  zh: string;
  /** the KPI key whose figure the target is for, by the period's kind */
  key: (p: PeriodKind) => string;
  /** 'at': the figure on the date; 'sum': Σ over the months of the period up to the date */
  actual: 'at' | 'sum';
}

const AT = (key: string): Pick<TargetIndicator, 'key' | 'actual'> => ({ key: () => key, actual: 'at' });

/** DATA.md "Assessment": target indicators. */
export const TARGET_INDICATORS: readonly TargetIndicator[] = [
  { id: 'deposit_avg', zh: '存款日均', key: (p) => `deposit_avg_${p}`, actual: 'at' },
  { id: 'deposit_balance', zh: '各项存款余额', ...AT('deposit_balance') },
  { id: 'loan_balance', zh: '各项贷款余额', ...AT('loan_balance') },
  { id: 'loan_customers', zh: '贷款户数', ...AT('loan_customers') },
  { id: 'npl_ratio', zh: '不良贷款率', ...AT('npl_ratio') },
  { id: 'overdue_ratio', zh: '逾期贷款率', ...AT('overdue_ratio') },
  { id: 'intermediate_active_customers', zh: '中间业务有效客户', ...AT('intermediate_active_customers') },
  // "the month of the evaluation date": the indicator itself is the month's
  { id: 'high_quality_merchants', zh: '高质量商户数', ...AT('high_quality_merchants') },
  { id: 'effective_merchants', zh: '有效商户数', ...AT('effective_merchants') },
  { id: 'credit_cards_issued', zh: '贷记卡发卡量', ...AT('credit_cards_issued') },
  { id: 'visits', zh: '走访次数', key: () => 'visits', actual: 'sum' },
  { id: 'acq_txn_amount', zh: '收单交易金额', key: () => 'acq_txn_amount', actual: 'sum' },
];

/** The periods containing a date, narrowest first. */
export function periodsOf(date: string): { kind: PeriodKind; period: string; months: string[] }[] {
  const y = date.slice(0, 4);
  const m = +date.slice(5, 7);
  const q = Math.floor((m - 1) / 3) + 1;
  const monthsFrom = (first: number) => Array.from({ length: m - first + 1 }, (_, i) => `${y}-${String(first + i).padStart(2, '0')}`);
  return [
    { kind: 'month', period: date.slice(0, 7), months: monthsFrom(m) },
    { kind: 'quarter', period: `${y}Q${q}`, months: monthsFrom(3 * q - 2) },
    { kind: 'year', period: y, months: monthsFrom(1) },
  ];
}

/** The target row's object: 机构 + org id (the head office for the bank) or 员工 + staff id. */
function subjectOf(ctx: DashContext): { type: string; id: string } | null {
  const t = ctx.target;
  if (t.type === 'staff') return t.id === null ? null : { type: '员工', id: t.id };
  if (t.type === 'org') return t.id === null ? null : { type: '机构', id: t.id };
  const head = headOfficeOf(loadOrgTree(ctx.db));
  return head === null ? null : { type: '机构', id: head };
}

/** The figure a target is measured against over its period up to the date. */
function actualOf(ctx: DashContext, ti: TargetIndicator, key: string, months: string[]): number | null {
  if (ti.actual === 'at') return scalar(ctx.at()[key]);
  // Σ of the month-to-date figures of each month of the period (the last one up to the date)
  let total = 0;
  for (const m of months) {
    const day = m === ctx.date.slice(0, 7) ? ctx.date : monthEnd(`${m}-01`);
    const v = scalar(ctx.at(day)[key]);
    if (v === null) return null;
    total += ctx.meta(key).unit === 'yuan' ? fen(v) : v;
  }
  return ctx.meta(key).unit === 'yuan' ? total / 100 : total;
}

/** The KPI's target and completion, or null when no target of DATA.md's list is set for it. */
export function targetFor(ctx: DashContext, key: string): Kpi['target'] {
  const subject = subjectOf(ctx);
  if (subject === null) return null;
  const find = ctx.db.prepare('SELECT target_value FROM target WHERE period = ? AND subject_type = ? AND subject_id = ? AND indicator IN (?, ?) LIMIT 1').pluck();
  for (const p of periodsOf(ctx.date)) {
    for (const ti of TARGET_INDICATORS) {
      if (ti.key(p.kind) !== key) continue;
      const value = find.get(p.period, subject.type, subject.id, ti.id, ti.zh) as number | undefined;
      if (value === undefined) continue;
      const actual = actualOf(ctx, ti, key, p.months);
      const lower = ctx.meta(key).lowerIsBetter === true;
      const completion = actual === null ? null : lower ? quotient(value, actual) : quotient(actual, value);
      return { period: p.period, value, completion };
    }
  }
  return null;
}

/** a / b unrounded, null over 0 (ratio.ts on exact integers where both are whole 分 or counts). */
function quotient(a: number, b: number): number | null {
  const sa = Math.round(a * 100);
  const sb = Math.round(b * 100);
  // whole 分 (money, counts) go through the exact integer ratio; ratios (不良率…) divide as they are
  if (Math.abs(sa - a * 100) < 1e-6 && Math.abs(sb - b * 100) < 1e-6) return ratio(sa, sb);
  return b === 0 ? null : a / b;
}
