// Org figures as of a date (the `stats` command, GET /api/stats, the home page): every org of the
// caller's scope, each rolled up over its subtree, read from the materialised indicators
// (electron/core/indicators), so these screens and the dashboards cannot disagree and cost the
// same at any data size. The definitions are DATA.md's, written once in indicators/read.ts:
// snapshots read bank-wide at the latest data_date ≤ date (an org missing from it shows 0), 日均
// carries a snapshot until the next and divides the day sum once per org (四舍五入 to 分), ratios
// unrounded and null over 0, a row's org by scope/row-org.ts, in service by rules/in-service.ts.
//
// Decisions:
// - An org's figure reads the rows of its subtree (scope/scope.ts subtree(): a cycle in imported
//   parent_id ends there), so a row counts once in every org above it and no row outside the
//   scope reaches one.
// - A scope limited to one 客户经理 reads that staff member's rows inside each org, as every
//   indicator does for a staff target (indicators/target.ts: 归属/经办/管户/拓展客户经理).
// - Rows of no loaded org (`unassigned`, whole-bank scope only): the bank target counts every row,
//   the loaded orgs' target every row of a loaded org; the difference is theirs, in integer 分.
import type { Db } from '../db/connection.js';
import type { IndicatorSet } from '../../../shared/indicators.js';
import { assertDay } from '../../../shared/dates.js';
import { fenToYuan, yuanToFen } from '../../../shared/money.js';
import { readIndicators, readIndicatorsPerOrg, type Target } from '../indicators/index.js';
import { latestSnapshot } from '../rules/in-service.js';
import { loadOrgTree, type OrgRow, type OrgTree } from './org-tree.js';
import { ReadCache, targetKey } from '../dashboards/cache.js';
import { coversOrg, isWholeBank, subtree, wholeBankScope, type Scope } from '../scope/index.js';

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

/** What figures a scope sees: its orgs (parents before children), and the rows no org owns when it is the whole bank. */
export interface ScopedStats {
  date: string;
  orgs: OrgStats[];
  /** null unless the scope is the whole bank */
  unassigned: UnassignedStats | null;
}

const num = (s: IndicatorSet, k: string): number => s[k] as number;
const numOrNull = (s: IndicatorSet, k: string): number | null => s[k] as number | null;

/**
 * The figures of the given orgs, each over its subtree, in one pass over the materialised cells
 * (readIndicatorsPerOrg: a cell counts in its org and every org above it).
 */
export function figuresOfOrgs(db: Db, date: string, _tree: OrgTree, orgs: readonly OrgRow[], scope: Scope): ReadonlyMap<string, IndicatorSet> {
  const target: Target =
    scope.managerId !== null
      ? { type: 'staff', id: scope.managerId, orgIds: scope.orgIds, staffId: scope.managerId, name: '' }
      : { type: scope.orgIds === null ? 'bank' : 'org', id: scope.rootOrg, orgIds: scope.orgIds, staffId: null, name: '' } as Target;
  // the home page and /api/stats read the same roll-ups again until an import or undo: kept as the
  // dashboards' reads are (dashboards/cache.ts), so neither pays the roll-up on every request
  const ids = orgs.map((o) => o.org_id);
  return new ReadCache(db).get(`perOrg ${date} ${targetKey(target)} ${JSON.stringify(ids)}`, () => readIndicatorsPerOrg(db, date, target, ids));
}

/** One org's figures (OrgStats, the contract of `stats --json`) from its indicators. */
export function orgStats(org: OrgRow, s: IndicatorSet): OrgStats {
  return {
    org_id: org.org_id,
    name: org.name,
    level: org.level,
    parent_id: org.parent_id,
    customers: num(s, 'customers'),
    deposit_balance: num(s, 'deposit_balance'),
    deposit_avg_month: num(s, 'deposit_avg_month'),
    deposit_deviation: numOrNull(s, 'deposit_deviation'),
    loan_balance: num(s, 'loan_balance'),
    npl_balance: num(s, 'npl_balance'),
    npl_ratio: numOrNull(s, 'npl_ratio'),
    credit_loan_ratio: numOrNull(s, 'credit_loan_ratio'),
    overdue_balance: num(s, 'overdue_balance'),
    merchants: num(s, 'merchants'),
    high_quality_merchants: num(s, 'high_quality_merchants'),
  };
}

const BUSY = new Set(['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT']);

/**
 * Several reads as of one committed state, in one transaction. A missing (date, family) is built
 * by the first read that needs it; should another connection have written since the transaction's
 * snapshot, that build cannot upgrade it (SQLITE_BUSY_SNAPSHOT): the cells are then built outside
 * first (a read of the bank builds every family of the date) and the whole read is done again.
 */
export function consistentRead<T>(db: Db, date: string, read: () => T): T {
  for (let attempt = 1; ; attempt++) {
    if (attempt > 1) readIndicators(db, date, BANK);
    try {
      return db.transaction(read)();
    } catch (e) {
      if (attempt >= 3 || !BUSY.has((e as { code?: string }).code ?? '')) throw e;
    }
  }
}

const BANK: Target = { type: 'bank', id: null, orgIds: null, staffId: null, name: '全行' };

/**
 * The orgs of the scope (parents before children) with their rolled-up figures as of `date`
 * (YYYY-MM-DD), and for a whole-bank scope the rows that belong to no loaded org.
 */
export function scopedStats(db: Db, date: string, scope: Scope): ScopedStats {
  assertDay(date);
  return consistentRead(db, date, (): ScopedStats => {
    const tree = loadOrgTree(db);
    const covered = tree.orgs.filter((o) => coversOrg(scope, o.org_id));
    const figures = figuresOfOrgs(db, date, tree, covered, scope);
    const orgs = covered.map((o) => orgStats(o, figures.get(o.org_id)!));
    return { date, orgs, unassigned: isWholeBank(scope) ? unassignedOf(db, tree, date, figures) : null };
  });
}

/** The orgs of the scope with their figures. */
export function computeOrgStats(db: Db, date: string, scope: Scope): { date: string; orgs: OrgStats[] } {
  const { orgs } = scopedStats(db, date, scope);
  return { date, orgs };
}

/** The org ids of the cells counted in the unassigned figures that are no loaded org ('' = no org at all). */
function unknownOrgIds(db: Db, date: string): string[] {
  const dep = latestSnapshot(db, 'deposit', date);
  const loan = latestSnapshot(db, 'loan', date);
  return db
    .prepare(
      `SELECT DISTINCT org_id FROM ind_cell
        WHERE ((data_date = @dep AND family = 'deposit' AND measure = 'dep_bal')
            OR (data_date = @loan AND family = 'loan' AND measure = 'loan_bal')
            OR (data_date = @date AND family = 'customer' AND measure = 'cust')
            OR (data_date = @date AND family = 'merchant' AND measure = 'mer'))
          AND org_id NOT IN (SELECT org_id FROM org)
        ORDER BY org_id`,
    )
    .pluck()
    .all({ dep, loan, date }) as string[];
}

/**
 * Figures of the rows of no loaded org: every row (the bank) less the rows of the loaded orgs, in
 * integer 分. The loaded orgs' rows are the roots' subtrees, disjoint where no cycle joins them:
 * their whole-bank figures, when the caller has them, are summed instead of read again. Read as of
 * one state by the caller.
 */
export function unassignedOf(db: Db, tree: OrgTree, date: string, known: ReadonlyMap<string, IndicatorSet> = new Map()): UnassignedStats {
  const bank = new ReadCache(db).get(`at ${date} ${targetKey(BANK)}`, () => readIndicators(db, date, BANK));
  const acyclic = tree.roots.reduce((n, r) => n + subtree(tree, r.org_id).length, 0) === tree.orgs.length;
  const roots = tree.roots.map((r) => known.get(r.org_id));
  const loaded: IndicatorSet[] =
    acyclic && roots.every((r) => r !== undefined)
      ? (roots as IndicatorSet[])
      : [readIndicators(db, date, { type: 'org', id: null, orgIds: tree.orgs.map((o) => o.org_id), staffId: null, name: '' })];
  const count = (k: string) => num(bank, k) - loaded.reduce((n, s) => n + num(s, k), 0);
  const money = (k: string) => fenToYuan(yuanToFen(num(bank, k)) - loaded.reduce((n, s) => n + yuanToFen(num(s, k)), 0n));
  const unknown = unknownOrgIds(db, date);
  return {
    date,
    customers: count('customers'),
    deposit_balance: money('deposit_balance'),
    loan_balance: money('loan_balance'),
    merchants: count('merchants'),
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
