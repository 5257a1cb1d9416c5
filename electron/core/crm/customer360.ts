// 客户360视图: one customer as of a date — identity, star, the 18 items with what makes each held,
// recommendations, and the accounts, loans, cards, signings, merchants, visits and referrals
// behind them. Every query is by an indexed key, so the view does not wait for ensureHoldings.
import type { Customer360 } from '../../../shared/crm.js';
import { fenToYuan } from '../../../shared/money.js';
import type { Db } from '../db/connection.js';
import { getCatalog, getRules, getStarBounds } from './catalog.js';
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

export function customer360(db: Db, custId: string, opts: { date?: string; reveal: boolean }): Customer360 | null {
  const c = customerRow(db, custId);
  if (!c) return null;
  const date = resolveDate(db, opts.date);
  const core = customerCore(db, c, date);
  return {
    date,
    identity: identityOf(c, opts.reveal),
    star: core.star,
    avgAssets: fenToYuan(core.avgFen),
    org: { id: c.org_id, name: orgName(db, c.org_id) },
    manager: managerOf(db, c.manager_id, opts.reveal),
    grid: gridOf(db, c.grid_id),
    items: core.items,
    coverage: core.held.size,
    recommendations: core.recommendations,
    ...lists(core.records),
    depositTrend: depositTrend(db, custId, date),
    visits: visitsOf(db, custId),
    referrals: referralsOf(db, custId, opts.reveal),
  };
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
