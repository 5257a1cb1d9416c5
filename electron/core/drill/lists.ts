// The seven row lists a figure can open: their columns, what each row SELECTs (raw: ids, 分,
// dates) and how a raw row becomes the cells shown and exported (names masked unless revealed).
// Every SELECT yields `k`, the list's unique key (keyset paging orders by it), and `v`, the row's
// part of the total (分, 1, or a customer's item count), beside the raw columns.
import type { DrillListId } from '../../../shared/dashboard.js';
import { WITHHELD, type DrillCell, type DrillColumn, type DrillColumnKind } from '../../../shared/drill.js';
import { maskCustomerName } from '../../../shared/masking.js';

const col = (key: string, zh: string, en: string, kind: DrillColumnKind = 'text'): DrillColumn => ({ key, zh, en, kind });

export type RawRow = Record<string, string | number | null>;

/** Names of orgs and staff for the cells (looked up per page: a page is small). */
export interface Names {
  org(id: string | null): string | null;
  staff(id: string | null): string | null;
}

export interface ListDef {
  columns: DrillColumn[];
  /** the columns that identify the row or its customer: withheld where the customer lies outside the caller's scope */
  identifying: readonly string[];
  /** `k` is an integer (cards: rowid, since the card number is a keyed hash) or text */
  intKey: boolean;
  /** few rows, each dear (merchants): read whole once per request (index.ts onceRead); totals 'fen', 'sum' or 'count' only */
  readOnce?: boolean;
  /** the SELECT list over the dataset's FROM (aliases of target-sql.ts ROWS); `v` is added by the key */
  select: string;
  cells(r: RawRow, names: Names, masked: boolean): DrillCell[];
}

const name = (r: RawRow, masked: boolean, col = 'cust_name'): string | null => {
  const n = r[col] as string | null;
  return masked ? maskCustomerName(n, r.cust_type as string | null) : n;
};
const s = (v: unknown) => (v === undefined ? null : (v as string | null));

const CUSTOMER_COLUMNS = [col('cust_id', '客户号', 'Customer no.'), col('cust_name', '客户', 'Customer')];


/**
 * The cells of a row as the caller may see them: a row inside the target whose customer lies
 * outside the caller's data scope (a loan booked at the branch for another branch's customer)
 * keeps its amounts and categories, so the list still adds up to the figure, but not its number,
 * its customer's number or name.
 */
export function visibleCells(l: ListDef, cells: DrillCell[], hidden: boolean): DrillCell[] {
  if (!hidden) return cells;
  return cells.map((v, i) => (l.identifying.includes(l.columns[i].key) ? WITHHELD : v));
}

export const LISTS: Record<DrillListId, ListDef> = {
  deposits: {
    identifying: ['acct_no', 'cust_id', 'cust_name'],
    columns: [
      col('acct_no', '账号', 'Account'),
      ...CUSTOMER_COLUMNS,
      col('kind', '存款种类', 'Kind'),
      col('balance', '余额（元）', 'Balance (CNY)', 'fen'),
      col('status', '账户状态', 'Status'),
      col('org', '机构', 'Org'),
      col('manager', '客户经理', 'Manager'),
    ],
    intKey: false,
    select: `d.acct_no AS k, d.acct_no, d.cust_id, c.name AS cust_name, c.cust_type, c.org_id AS cust_org, c.manager_id AS cust_mgr, d.kind, d.balance, d.status, %ORG% AS org, d.manager_id AS staff`,
    cells: (r, n, m) => [r.acct_no, r.cust_id, name(r, m), r.kind, r.balance, r.status, n.org(s(r.org)), n.staff(s(r.staff))],
  },
  loans: {
    identifying: ['loan_no', 'cust_id', 'cust_name'],
    columns: [
      col('loan_no', '借据号', 'Loan no.'),
      ...CUSTOMER_COLUMNS,
      col('product', '贷款产品', 'Product'),
      col('guarantee', '担保方式', 'Guarantee'),
      col('class5', '五级分类', 'Risk class'),
      col('overdue_days', '逾期天数', 'Days overdue', 'count'),
      col('balance', '贷款余额（元）', 'Balance (CNY)', 'fen'),
      col('issue_date', '发放日期', 'Issued', 'day'),
      col('org', '机构', 'Org'),
      col('manager', '经办客户经理', 'Manager'),
    ],
    intKey: false,
    select: `l.loan_no AS k, l.loan_no, l.cust_id, c.name AS cust_name, c.cust_type, c.org_id AS cust_org, c.manager_id AS cust_mgr, l.product, l.guarantee, l.class5, l.overdue_days, l.balance, l.issue_date, %ORG% AS org, l.manager_id AS staff`,
    cells: (r, n, m) => [r.loan_no, r.cust_id, name(r, m), r.product, r.guarantee, r.class5, r.overdue_days, r.balance, r.issue_date, n.org(s(r.org)), n.staff(s(r.staff))],
  },
  customers: {
    identifying: ['cust_id', 'cust_name', 'cust_type', 'org', 'manager'],
    columns: [
      ...CUSTOMER_COLUMNS,
      col('cust_type', '客户类型', 'Type'),
      col('org', '机构', 'Org'),
      col('manager', '管户客户经理', 'Manager'),
      col('items', '持有项数', 'Items held', 'count'),
    ],
    intKey: false,
    // over a set of customer numbers `x` (customers of rows of another dataset may not be loaded)
    select: `x.cust_id AS k, x.cust_id, c.name AS cust_name, c.cust_type, c.org_id AS cust_org, c.manager_id AS cust_mgr, c.org_id AS org, c.manager_id AS staff, h.coverage AS items`,
    cells: (r, n, m) => [r.cust_id, name(r, m), r.cust_type, n.org(s(r.org)), n.staff(s(r.staff)), r.items],
  },
  merchants: {
    identifying: ['merchant_id', 'name'],
    columns: [
      col('merchant_id', '商户号', 'Merchant no.'),
      col('name', '商户名称', 'Name'),
      col('industry', '行业类别', 'Industry'),
      col('status', '状态', 'Status'),
      col('org', '机构', 'Org'),
      col('manager', '拓展客户经理', 'Manager'),
      col('txns', '本月交易笔数', 'Transactions (month)', 'count'),
      col('amount', '本月交易金额（元）', 'Amount (month, CNY)', 'fen'),
      col('payers', '本月付款人数', 'Payers (month)', 'count'),
      col('days', '本月活跃天数', 'Active days (month)', 'count'),
    ],
    intKey: false,
    readOnce: true,
    // the month's 消费 of each merchant: see keys.ts MERCHANT_MONTH
    select: `m.merchant_id AS k, m.merchant_id, m.owner_cust_id AS cust_id, m.name, m.industry, m.status, c.org_id AS cust_org, c.manager_id AS cust_mgr, %ORG% AS org, m.manager_id AS staff`,
    cells: (r, n) => [r.merchant_id, r.name, r.industry, r.status, n.org(s(r.org)), n.staff(s(r.staff)), r.txns, r.amount, r.payers, r.days],
  },
  cards: {
    identifying: ['card', 'cust_id', 'cust_name'],
    columns: [
      col('card', '卡号', 'Card'),
      ...CUSTOMER_COLUMNS,
      col('card_type', '卡种', 'Card type'),
      col('status', '卡状态', 'Status'),
      col('issue_date', '发卡日期', 'Issued', 'day'),
      col('activate_date', '激活日期', 'Activated', 'day'),
      col('last_txn_date', '最近交易日期', 'Last transaction', 'day'),
      col('org', '机构', 'Org'),
      col('manager', '营销客户经理', 'Manager'),
    ],
    intKey: true,
    // the card number is stored as a keyed hash and a masked form: only the masked form is ever shown
    select: `k.rowid AS k, k.card_no_masked, k.cust_id, c.name AS cust_name, c.cust_type, c.org_id AS cust_org, c.manager_id AS cust_mgr, k.card_type, k.status, k.issue_date, k.activate_date, k.last_txn_date, %ORG% AS org, k.manager_id AS staff`,
    cells: (r, n, m) => [r.card_no_masked, r.cust_id, name(r, m), r.card_type, r.status, r.issue_date, r.activate_date, r.last_txn_date, n.org(s(r.org)), n.staff(s(r.staff))],
  },
  signings: {
    identifying: ['sign_no', 'cust_id', 'cust_name'],
    columns: [
      col('sign_no', '签约流水号', 'Signing no.'),
      ...CUSTOMER_COLUMNS,
      col('biz_type', '业务类型', 'Service'),
      col('status', '状态', 'Status'),
      col('sign_date', '签约日期', 'Signed', 'day'),
      col('cancel_date', '解约日期', 'Cancelled', 'day'),
      col('last_used_date', '最近使用日期', 'Last used', 'day'),
      col('org', '机构', 'Org'),
      col('manager', '营销人员', 'Staff'),
    ],
    intKey: false,
    select: `s.sign_no AS k, s.sign_no, s.cust_id, c.name AS cust_name, c.cust_type, c.org_id AS cust_org, c.manager_id AS cust_mgr, s.biz_type, s.status, s.sign_date, s.cancel_date, s.last_used_date, %ORG% AS org, s.staff_id AS staff`,
    cells: (r, n, m) => [r.sign_no, r.cust_id, name(r, m), r.biz_type, r.status, r.sign_date, r.cancel_date, r.last_used_date, n.org(s(r.org)), n.staff(s(r.staff))],
  },
  visits: {
    identifying: ['visit_id', 'cust_id', 'target_name'],
    columns: [
      col('visit_id', '走访编号', 'Visit no.'),
      col('visit_time', '走访时间', 'Time'),
      col('staff', '走访人员', 'Staff'),
      col('cust_id', '客户号', 'Customer no.'),
      col('target_name', '走访对象', 'Visited'),
      col('method', '走访方式', 'Method'),
      col('result', '走访结果', 'Result'),
      col('org', '机构', 'Org'),
    ],
    intKey: false,
    select: `v.visit_id AS k, v.visit_id, v.visit_time, v.staff_id AS staff, v.cust_id, COALESCE(c.name, v.target_name) AS target_name, c.cust_type, c.org_id AS cust_org, c.manager_id AS cust_mgr, v.method, v.result, %ORG% AS org`,
    cells: (r, n, m) => [r.visit_id, r.visit_time, n.staff(s(r.staff)), r.cust_id, name(r, m, 'target_name'), r.method, r.result, n.org(s(r.org))],
  },
};
