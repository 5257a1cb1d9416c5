// Org indicators as of a date: every org, each figure rolled up over the org and every org below.
//
// Decisions (DATA.md "Indicators", with the lead's rulings):
// - A row's org is decided by scope/row-org.ts (its own 所属机构号, else its customer's; a merchant's
//   customer is its 法人客户号). A present but unknown org does not fall back to the customer.
//   Rows whose org is not a loaded org count towards no org; unassignedStats() totals them, and
//   only a whole-bank scope sees that total.
// - Scope (scope/scope.ts): figures are computed per org and rolled up, then only the orgs of the
//   caller's scope are returned. An org's figure covers exactly the rows of its subtree, so no
//   row outside the scope reaches one. A scope limited to one 客户经理's customers counts only the
//   rows of those customers.
// - Roll-up follows org.parent_id (总行 ⊃ 支行 ⊃ 分理处); a walk up stops at an org already seen, so
//   a cycle in imported data counts each row once per org of the cycle and never loops.
// - customers: 建档日期 null or ≤ date (rules/in-service.ts).
// - Snapshots: "as of date" means, bank-wide, the latest data_date ≤ date present in the table
//   (deposit and loan separately), so a branch missing from that snapshot shows 0 rather than an
//   older figure.
// - deposit_avg_month: Σ over each day d from the 1st of the month to date of the total of the
//   latest deposit snapshot ≤ d (carried over weekends; 0 before any snapshot), ÷ number of days,
//   summed in BigInt 分 and rounded half away from zero (四舍五入) to 分.
// - deposit_deviation = (balance − avg) / avg with the rounded avg; before month end this is the
//   balance of the date against the average of the month so far. null when avg = 0.
// - Loans: npl = 五级分类 次级/可疑/损失 (labels), credit = 担保方式 信用, overdue = 逾期天数 > 0; the
//   ratios are over loan_balance, null when it is 0.
// - Ratios leave unrounded (metrics/ratio.ts): the nearest double to the exact fraction of the
//   integer sums; only the screens and the CLI's text round them.
// - customers and merchants in service: rules/in-service.ts (状态 正常, 签约日期 null or ≤ date; an
//   empty 状态 is not 正常). 高质量: ≥ 20 active days, ≥ 100
//   transactions, ≥ 30 distinct payers in the month up to and including date, counting only
//   交易类型 消费 or null; transactions without a payer add no payer.
// - Money leaves as 元 = Number(分) / 100 at the very end (2 decimals; exact below 10^15 分).
import type { Db } from '../db/connection.js';
import { divRound, fenToYuan } from '../../../shared/money.js';
import { addDeposits, addLoans } from './balances.js';
import { assertDay, daysBetween, monthStart } from '../../../shared/dates.js';
import { inServiceSql } from '../rules/in-service.js';
import { addInto, DirectByOrg, zeroDirect, type Direct } from './figures.js';
import { addMerchants } from './merchants.js';
import { ratio } from './ratio.js';
import { loadOrgTree, type OrgTree } from './org-tree.js';
import { coversOrg, isWholeBank, managerScopeSql, wholeBankScope, type Scope } from '../scope/index.js';

export interface OrgStats {
  org_id: string;
  name: string;
  level: string | null;
  parent_id: string | null;
  customers: number;
  deposit_balance: number;
  deposit_avg_month: number;
  deposit_deviation: number | null;
  loan_balance: number;
  npl_balance: number;
  npl_ratio: number | null;
  credit_loan_ratio: number | null;
  overdue_balance: number;
  merchants: number;
  high_quality_merchants: number;
}

/** Figures of rows that belong to no loaded org: a data-quality count. */
export interface UnassignedStats {
  date: string;
  customers: number;
  deposit_balance: number;
  loan_balance: number;
  merchants: number;
  /** the org ids rows point at that are not loaded ('' for rows with no org at all) */
  unknown_orgs: string[];
  /** why these rows belong to no org, in words (zh-CN, then English) */
  reason: string;
}

function directFigures(db: Db, date: string, scope: Scope): DirectByOrg {
  assertDay(date);
  const out = new DirectByOrg();
  const manager = managerScopeSql(scope);
  const customers = db
    .prepare(`SELECT c.org_id AS org, COUNT(*) AS n FROM customer c WHERE ${inServiceSql.customer('c', '@date')} AND ${manager.sql} GROUP BY c.org_id`)
    .all({ ...manager.params, date }) as { org: string | null; n: number }[];
  for (const r of customers) out.get(r.org).customers += r.n;
  addDeposits(db, date, out, scope);
  addLoans(db, date, out, scope);
  addMerchants(db, date, out, scope);
  return out;
}

function rollUp(tree: OrgTree, direct: DirectByOrg): Map<string, Direct> {
  const total = new Map(tree.orgs.map((o) => [o.org_id, zeroDirect()]));
  for (const [org, d] of direct.map) {
    if (org === null || !tree.byId.has(org)) continue;
    for (const a of tree.ancestors(org)) addInto(total.get(a)!, d);
  }
  return total;
}

function toStats(o: { org_id: string; name: string; level: string | null; parent_id: string | null }, t: Direct, days: number): OrgStats {
  const avgFen = divRound(t.depositDaysFen, BigInt(days));
  return {
    org_id: o.org_id,
    name: o.name,
    level: o.level,
    parent_id: o.parent_id,
    customers: t.customers,
    deposit_balance: fenToYuan(t.depositFen),
    deposit_avg_month: fenToYuan(avgFen),
    deposit_deviation: ratio(t.depositFen - avgFen, avgFen),
    loan_balance: fenToYuan(t.loanFen),
    npl_balance: fenToYuan(t.nplFen),
    npl_ratio: ratio(t.nplFen, t.loanFen),
    credit_loan_ratio: ratio(t.creditFen, t.loanFen),
    overdue_balance: fenToYuan(t.overdueFen),
    merchants: t.merchants,
    high_quality_merchants: t.hqMerchants,
  };
}

/** What figures a scope sees: its orgs (parents before children), and the rows no org owns when it is the whole bank. */
export interface ScopedStats {
  date: string;
  orgs: OrgStats[];
  /** null unless the scope is the whole bank */
  unassigned: UnassignedStats | null;
}

/**
 * The orgs of the scope (parents before children) with their rolled-up figures as of `date`
 * (YYYY-MM-DD), and for a whole-bank scope the rows that belong to no loaded org. Read in one
 * transaction so an import committing meanwhile cannot mix two states.
 */
export function scopedStats(db: Db, date: string, scope: Scope): ScopedStats {
  return db.transaction((): ScopedStats => {
    const tree = loadOrgTree(db);
    const direct = directFigures(db, date, scope);
    const total = rollUp(tree, direct);
    const days = daysBetween(monthStart(date), date) + 1;
    const orgs = tree.orgs.filter((o) => coversOrg(scope, o.org_id)).map((o) => toStats(o, total.get(o.org_id)!, days));
    return { date, orgs, unassigned: isWholeBank(scope) ? unassignedOf(tree, direct, date) : null };
  })();
}

/** The orgs of the scope with their figures (the `stats` command and GET /api/stats). */
export function computeOrgStats(db: Db, date: string, scope: Scope): { date: string; orgs: OrgStats[] } {
  const { orgs } = scopedStats(db, date, scope);
  return { date, orgs };
}

function unassignedOf(tree: OrgTree, direct: DirectByOrg, date: string): UnassignedStats {
  const sum = zeroDirect();
  const unknown: string[] = [];
  for (const [org, d] of direct.map) {
    if (org !== null && tree.byId.has(org)) continue;
    addInto(sum, d);
    unknown.push(org ?? '');
  }
  unknown.sort();
  return {
    date,
    customers: sum.customers,
    deposit_balance: fenToYuan(sum.depositFen),
    loan_balance: fenToYuan(sum.loanFen),
    merchants: sum.merchants,
    unknown_orgs: unknown,
    reason: unassignedReason(tree, unknown),
  };
}

/** Why rows belong to no org, from what is missing: the org file, some orgs, or the customers of rows without an org. */
export function unassignedReason(tree: OrgTree, unknown: string[]): string {
  if (unknown.length === 0) return '';
  const named = unknown.filter((o) => o !== '');
  const parts: string[] = [];
  if (tree.orgs.length === 0) parts.push('尚未导入机构文件，所有数据都不属于任何机构 (no org file imported yet)');
  else if (named.length) {
    const shown = named.slice(0, 10).join('、') + (named.length > 10 ? ` 等 ${named.length} 个` : '');
    parts.push(`所属机构号 ${shown} 不在已导入的机构中 (org numbers not among the imported orgs)`);
  }
  if (unknown.includes('')) parts.push('部分数据没有所属机构号，其客户也未导入 (rows with no org whose customer is not imported)');
  return parts.join('；');
}

/** The rows of the whole bank that belong to no loaded org. */
export function unassignedStats(db: Db, date: string): UnassignedStats {
  return scopedStats(db, date, wholeBankScope()).unassigned!;
}
