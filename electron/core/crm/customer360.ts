// 客户360视图: one customer as of a date — identity, star, the 18 items with what makes each held,
// recommendations, and the accounts, loans, cards, signings, merchants, visits and referrals
// behind them. Every query is by an indexed key, so the view does not wait for ensureHoldings.
import type { Customer360 } from '../../../shared/crm.js';
import { fenToYuan } from '../../../shared/money.js';
import type { Db } from '../db/connection.js';
import { getCatalog, getRules, getStarBounds } from './catalog.js';
import { coversCustomer, coversRow, isWholeBank, type Scope } from '../scope/index.js';
import { customerRow, depositTrend, gridOf, identityOf, managerOf, orgName, referralsOf, visitsOf, type CustomerRow } from './customer360-sections.js';
import { itemsFromRecords } from './holdings-items.js';
import { customerRecords, type CustomerRecords } from './holdings-records.js';
import { resolveDate } from './holdings.js';
import { recommend } from './recommend.js';
import { averageFen, customerAssetSum, starOf } from './star.js';

/** What the 360 view and the quick check share: holdings, star and recommendations. */
export function customerCore(db: Db, c: CustomerRow, date: string) {
  const catalog = getCatalog(db);
  const records = customerRecords(db, c.cust_id, date);
  const items = itemsFromRecords(catalog, records);
  const avgFen = averageFen(customerAssetSum(db, c.cust_id, date));
  const star = starOf(avgFen, getStarBounds(db));
  const held = new Set(items.filter((i) => i.held).map((i) => i.id));
  const recommendations = recommend(held, { star, custType: c.cust_type }, getRules(db), catalog);
  return { catalog, records, items, held, star, avgFen, recommendations };
}

/**
 * The 360 of a customer inside the scope; null (a 404) for a customer that does not exist or
 * lies outside it. What the customer holds (the 18 items, star, 月日均金融资产) is the bank's view
 * of the customer, counted over all their rows, so a branch never markets what the customer
 * already holds elsewhere; the rows themselves (accounts, loans, cards, signings, merchants, the
 * deposit trend) are only those inside the scope, and an item held through a row outside it
 * says so without naming the row. Referral partners who are customers outside the scope are left out.
 */
export function customer360(db: Db, custId: string, scope: Scope, opts: { date?: string; reveal: boolean }): Customer360 | null {
  const c = customerRow(db, custId);
  if (!c || !coversCustomer(scope, c)) return null;
  const date = resolveDate(db, opts.date);
  const core = customerCore(db, c, date);
  const records = recordsInScope(core.records, scope, c);
  return {
    date,
    identity: identityOf(c, opts.reveal),
    star: core.star,
    avgAssets: fenToYuan(core.avgFen),
    org: { id: c.org_id, name: orgName(db, c.org_id) },
    manager: managerOf(db, c.manager_id, opts.reveal),
    grid: gridOf(db, c.grid_id),
    items: core.items.map((i) => (i.source && !hasSource(records, i.source) ? { ...i, source: { dataset: i.source.dataset, key: '', label: OUTSIDE_SCOPE } } : i)),
    coverage: core.held.size,
    recommendations: core.recommendations,
    ...lists(records),
    depositTrend: depositTrend(db, custId, date, scope),
    visits: visitsOf(db, custId),
    referrals: partnersInScope(db, scope, referralsOf(db, custId, opts.reveal)),
  };
}

/** The source label of an item held through a row outside the caller's scope. */
export const OUTSIDE_SCOPE = '在其他机构办理';

function recordsInScope(r: CustomerRecords, scope: Scope, c: CustomerRow): CustomerRecords {
  const keep = <T extends { org_id: string | null }>(rows: T[]) => rows.filter((x) => coversRow(scope, x.org_id, c));
  return { ...r, deposits: keep(r.deposits), loans: keep(r.loans), cards: keep(r.cards), signings: keep(r.signings), merchants: keep(r.merchants) };
}

function hasSource(r: CustomerRecords, src: { dataset: string; key: string }): boolean {
  switch (src.dataset) {
    case 'deposit': return r.deposits.some((d) => d.acct_no === src.key);
    case 'loan': return r.loans.some((l) => l.loan_no === src.key);
    case 'card': return r.cards.some((k) => (k.card_no_masked ?? '') === src.key);
    case 'signing': return r.signings.some((s) => s.sign_no === src.key);
    case 'merchant': return r.merchants.some((m) => m.merchant_id === src.key);
    default: return false;
  }
}

/** Referral partners: customers inside the scope, and people who are not customers at all (the
 *  referral row is this customer's); a customer of another branch is left out. */
function partnersInScope(db: Db, scope: Scope, refs: Customer360['referrals']): Customer360['referrals'] {
  if (isWholeBank(scope)) return refs;
  const row = db.prepare('SELECT org_id, manager_id FROM customer WHERE cust_id = ?');
  const keep = (p: { custId: string }) => {
    const c = row.get(p.custId) as { org_id: string; manager_id: string | null } | undefined;
    return c === undefined || coversCustomer(scope, c);
  };
  return { referredBy: refs.referredBy.filter(keep), referred: refs.referred.filter(keep) };
}

function lists(r: CustomerRecords): Pick<Customer360, 'deposits' | 'loans' | 'cards' | 'signings' | 'merchants'> {
  return {
    deposits: r.deposits.map((d) => ({ acctNo: d.acct_no, kind: d.kind, balance: fenToYuan(d.balance), status: d.status, openDate: d.open_date, maturityDate: d.maturity_date })),
    loans: r.loans.map((l) => ({
      loanNo: l.loan_no, product: l.product, guarantee: l.guarantee, balance: fenToYuan(l.balance), amount: fenToYuan(l.amount),
      class5: l.class5, overdueDays: l.overdue_days, issueDate: l.issue_date, maturityDate: l.maturity_date,
    })),
    cards: r.cards.map((k) => ({ cardNoMasked: k.card_no_masked ?? '', cardType: k.card_type, status: k.status, issueDate: k.issue_date, activateDate: k.activate_date })),
    signings: r.signings.map((s) => ({ signNo: s.sign_no, bizType: s.biz_type, signDate: s.sign_date, cancelDate: s.cancel_date, status: s.status, lastUsedDate: s.last_used_date })),
    merchants: r.merchants.map((m) => ({ merchantId: m.merchant_id, name: m.name, status: m.status, signDate: m.sign_date })),
  };
}
