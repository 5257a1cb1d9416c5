// 剔除 (issue 10): what confirmed monitoring alerts take out of the figures. Each alert lists its
// effects (shared/monitoring.ts AlertEffect: an indicator key, the days, the org and staff member,
// the value); here they become amounts to subtract from the measures behind the key, so ratios
// and averages built on those measures follow (a dressed month-end deposit leaves the balance,
// the month's daily average and the 偏离度 alike).
//
// A value may be negative: the effect then ADDS to the measure. 借新还旧 (loan.renew_to_repay) is
// the case: the renewal hid an overdue (maybe 不良) balance, so 剔除 puts the old loan's balance
// back into 逾期 (and 不良) while the new loan stands, the way a 1104 reader would count it; the
// loan balance itself is left alone (the debt is the same), so 逾期率 and 不良率 rise by that
// amount over the same balance. The overdue buckets keep their raw split (the effect names no bucket).
import type { Db } from '../db/connection.js';
import type { AlertEffect } from '../../../shared/monitoring.js';
import { INDICATOR_BY_KEY } from '../../../shared/indicators.js';
import type { FamilyId } from './families/index.js';
import type { Target } from './target.js';
import type { GroupOf } from './sums.js';

/** The measure (and its family) an effect on an indicator key comes out of. */
export const EFFECT_MEASURE: Readonly<Record<string, { family: FamilyId; measure: string }>> = {
  deposit_balance: { family: 'deposit', measure: 'dep_bal' },
  loan_balance: { family: 'loan', measure: 'loan_bal' },
  loan_customers: { family: 'loan', measure: 'loan_cust' },
  overdue_balance: { family: 'loan', measure: 'overdue_bal' },
  npl_balance: { family: 'loan', measure: 'npl_bal' },
  credit_cards_issued: { family: 'card', measure: 'cc_issued' },
  merchants: { family: 'merchant', measure: 'mer' },
  effective_merchants: { family: 'merchant', measure: 'mer_eff' },
  high_quality_merchants: { family: 'merchant', measure: 'mer_hq' },
  acq_txn_count: { family: 'merchant', measure: 'acq_cnt' },
  acq_txn_amount: { family: 'merchant', measure: 'acq_amt' },
  intermediate_active_customers: { family: 'signing', measure: 'ima_cust' },
  visits: { family: 'visit', measure: 'visits' },
  visited_customers: { family: 'visit', measure: 'visit_cust' },
};

export interface Exclusion {
  family: FamilyId;
  measure: string;
  from: string;
  to: string;
  groups: readonly string[];
  /** 分 for money, a count otherwise */
  amount: bigint;
}

/** The effects of the confirmed alerts that fall inside the target, by group. */
export function confirmedExclusions(db: Db, target: Target, groupOf: GroupOf): Exclusion[] {
  const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'monitor_alert'").get();
  if (!hasTable) return [];
  const orgs = target.orgIds === null ? null : new Set(target.orgIds);
  const out: Exclusion[] = [];
  for (const raw of db.prepare("SELECT effects FROM monitor_alert WHERE status = 'confirmed'").pluck().iterate() as Iterable<string>) {
    for (const e of JSON.parse(raw) as AlertEffect[]) {
      const m = EFFECT_MEASURE[e.key];
      if (!m) continue;
      const org = e.org_id ?? '';
      const staff = e.staff_id ?? '';
      if (orgs !== null && !orgs.has(org)) continue;
      if (target.staffId !== null && staff !== target.staffId) continue;
      const g = groupOf(org, staff);
      if (g === null) continue;
      const groups = typeof g === 'string' ? [g] : g;
      const money = INDICATOR_BY_KEY.get(e.key)?.unit === 'yuan';
      out.push({ ...m, from: e.from, to: e.to, groups, amount: BigInt(Math.round(money ? e.value * 100 : e.value)) });
    }
  }
  return out;
}
