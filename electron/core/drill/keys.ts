// Which rows stand behind each clickable figure (shared/dashboard.ts DRILL_OF), by DATA.md
// "Indicator keys": the same rows the indicator counts, so the list's total is the figure.
// Current/active/in service: rules/in-service.ts; a row's org and staff member: target-sql.ts.
import type { DrillListId } from '../../../shared/dashboard.js';
import { CLASS5, OVERDUE_BUCKETS } from '../../../shared/indicators.js';
import { DATASET_BY_ID, SIGNING_TYPES } from '../../../shared/datasets.js';
import { addDays, monthStart } from '../../../shared/dates.js';
import type { Db } from '../db/connection.js';
import type { Target } from '../indicators/index.js';
import { HIGH_QUALITY } from '../metrics/merchants.js';
// the indicators' own thresholds and category names: a list and its figure read one definition
import { UNFILLED } from '../indicators/families/deposit.js';
import { EFFECTIVE } from '../indicators/families/merchant.js';
import { INTERMEDIATE_TYPES } from '../indicators/families/signing.js';
import { inServiceSql, latestSnapshot } from '../rules/in-service.js';
import { UserInputError } from '../errors.js';
import { MIGRATION_NEW, MIGRATION_PAID } from '../../../shared/indicators.js';
import { isDay } from '../../../shared/dates.js';
import { getCatalog } from '../crm/catalog.js';
import { LISTS } from './lists.js';
import { ROWS, targetSql, type DrillDataset } from './target-sql.js';

export interface Source {
  sql: string;
  params: Record<string, unknown>;
}

export interface KeyCtx {
  db: Db;
  date: string;
  cat: string | null;
  target: Target;
  /** latest deposit / loan snapshot ≤ date (bank-wide, rules/in-service.ts latestSnapshot) */
  snapshot: string | null;
  /** the date of customer_holding the customers list reads its item counts from */
  holdingDate: string;
}

/** How the list's total is the figure: Σ 分 → 元, rows, Σ v (a count per row), Σ v ÷ rows, rows ÷ the denominator's rows. */
export type TotalKind = 'fen' | 'count' | 'sum' | 'avg' | 'share';

export interface KeyDef {
  list: DrillListId;
  total: TotalKind;
  /** the snapshot table the key reads, when it reads one */
  snapshot?: 'deposit' | 'loan';
  /** map_* keys: the categories a `cat` may name ('free': any text, e.g. a 贷款产品) */
  cats?: (db: Db) => readonly string[] | 'free';
  source(x: KeyCtx): Source & { denominator?: Source };
  /** the total's label, for a key that is not an indicator of its own (a migration cell) */
  label?: { zh: string; en: string };
}

/** the first day of "the 90 days ending on the date" (as the signing family counts it) */
const used90From = (date: string) => addDays(date, -89);

/** An enumerated column's values, and 未填 for rows that leave it empty (the indicators' category for them). */
const enumOf = (dataset: 'deposit' | 'loan', key: string): readonly string[] => [
  ...(DATASET_BY_ID[dataset].columns.find((c) => c.key === key)?.values ?? []).map((v) => v.label),
  UNFILLED,
];
/** `column = @cat`, where an empty value is the category 未填 */
const catIs = (column: string) => `COALESCE(${column}, '${UNFILLED}') = @cat`;

const BUCKET_DAYS: Record<string, [number, number | null]> = {
  '1-30': [1, 30],
  '31-60': [31, 60],
  '61-90': [61, 90],
  '91-180': [91, 180],
  '181-360': [181, 360],
  '>360': [361, null],
};

const month = (date: string) => ({ m_from: monthStart(date), m_to: addDays(date, 1) });

/** Rows of one dataset inside the target meeting `where`; `v` their part of the total. */
function rows(list: DrillListId, dataset: DrillDataset, x: KeyCtx, v: string, where: string, params: Record<string, unknown> = {}): Source {
  const t = targetSql(x.target, dataset);
  const select = LISTS[list].select.replace('%ORG%', ROWS[dataset].org);
  return { sql: `SELECT ${select}, ${v} AS v FROM ${ROWS[dataset].from} WHERE ${t.sql} AND ${where}`, params: { ...t.params, ...params } };
}

/** The customers a set of customer numbers names (`inner` yields cust_id), with their item counts. */
function customersOf(inner: Source, x: KeyCtx, v = '1', outerWhere = '1'): Source {
  return {
    sql: `SELECT ${LISTS.customers.select}, ${v} AS v
            FROM (${inner.sql}) x
            LEFT JOIN customer c ON c.cust_id = x.cust_id
            LEFT JOIN customer_holding h ON h.data_date = @h_date AND h.cust_id = x.cust_id
           WHERE ${outerWhere}`,
    params: { ...inner.params, h_date: x.holdingDate },
  };
}

/** Distinct customers of a dataset's rows inside the target meeting `where`. */
function customersOfRows(dataset: DrillDataset, custCol: string, x: KeyCtx, where: string, params: Record<string, unknown> = {}): Source {
  const t = targetSql(x.target, dataset);
  return customersOf({ sql: `SELECT DISTINCT ${custCol} AS cust_id FROM ${ROWS[dataset].from} WHERE ${t.sql} AND ${where}`, params: { ...t.params, ...params } }, x);
}

/** The customers on the books on the date inside the target (管户客户经理 for a staff member). */
function ownCustomers(x: KeyCtx): Source {
  const t = targetSql(x.target, 'customer');
  return { sql: `SELECT c.cust_id FROM customer c WHERE ${t.sql} AND ${inServiceSql.customer('c', '@date')}`, params: { ...t.params, date: x.date } };
}

/** The month's 消费 of each merchant in one pass over its own transactions (a range of the
 *  (merchant_id, txn_time) index), as the merchant family counts them: 消费 or of no stated type. */
const MERCHANT_MONTH = `(SELECT json_array(COUNT(*), COALESCE(SUM(t.amount), 0), COUNT(DISTINCT t.payer), COUNT(DISTINCT substr(t.txn_time, 1, 10)))
    FROM acq_txn t WHERE t.merchant_id = m.merchant_id AND t.txn_time >= @m_from AND t.txn_time < @m_to AND (t.txn_type = '消费' OR t.txn_type IS NULL))`;

/** Merchants inside the target meeting `where`, with their month's figures, kept when `having` holds of them. */
function merchants(x: KeyCtx, v: string, where: string, having: string): Source {
  const t = targetSql(x.target, 'merchant');
  const select = LISTS.merchants.select.replace('%ORG%', ROWS.merchant.org);
  return {
    // MATERIALIZED: each merchant's month is read once, not again for each figure taken from it
    sql: `WITH y0 AS MATERIALIZED (SELECT ${select}, ${MERCHANT_MONTH} AS st FROM ${ROWS.merchant.from} WHERE ${t.sql} AND ${where}),
               y AS (SELECT y0.*, st ->> 0 AS txns, st ->> 1 AS amount, st ->> 2 AS payers, st ->> 3 AS days FROM y0)
          SELECT y.*, ${v} AS v FROM y WHERE ${having}`,
    params: { ...t.params, ...month(x.date), date: x.date, ...EFFECTIVE_PARAMS },
  };
}
const EFFECTIVE_PARAMS = {
  eff_txns: EFFECTIVE.transactions,
  eff_fen: Number(EFFECTIVE.amountFen),
  hq_days: HIGH_QUALITY.activeDays,
  hq_txns: HIGH_QUALITY.transactions,
  hq_payers: HIGH_QUALITY.payers,
};

const deposits = (x: KeyCtx, v: string, where = '1', params: Record<string, unknown> = {}) =>
  rows('deposits', 'deposit', x, v, `d.data_date = @snap AND ${where}`, { snap: x.snapshot, ...params });
const loans = (x: KeyCtx, where = '1', params: Record<string, unknown> = {}, v = 'l.balance') =>
  rows('loans', 'loan', x, v, `l.data_date = @snap AND ${where}`, { snap: x.snapshot, ...params });
const signings = (x: KeyCtx, where: string) =>
  rows('signings', 'signing', x, '1', `s.biz_type = @cat AND ${where}`, { cat: x.cat, date: x.date, ...month(x.date), u_from: used90From(x.date) });
const activeSigning = inServiceSql.signing('s', '@date');
const used90 = `s.last_used_date >= @u_from AND s.last_used_date <= @date`;

const fixed = (values: readonly string[]) => () => values;

/**
 * A cell of the 五级 migration matrix (indicators/migration.ts), cat = `from|row|col`: the loans of
 * the snapshot ≤ `from` in class `row` whose row at the date's snapshot is in class `col` (结清: gone
 * or at balance 0), each with its balance at `from` and inside the target by its row then; the 新发放
 * row lists the loans absent at `from`, with their row and balance at the date, as the matrix does.
 */
function migrationCell(x: KeyCtx, v: string): Source {
  const [from, row, col] = (x.cat ?? '').split('|');
  const classes = [...CLASS5, UNFILLED];
  if (!isDay(from) || from > x.date || ![...classes, MIGRATION_NEW].includes(row) || ![...classes, MIGRATION_PAID].includes(col)) {
    throw new UserInputError(`迁徙矩阵的格子「${x.cat}」应为 起始日期|行|列。 (A migration cell is from|row|col.)`, 'bad_drill_cat');
  }
  const fromSnap = latestSnapshot(x.db, 'loan', from);
  const later = `SELECT 1 FROM loan a WHERE a.data_date = @to_snap AND a.loan_no = l.loan_no AND a.balance <> 0`;
  const params = { from_snap: fromSnap, to_snap: x.snapshot, m_row: row, m_col: col };
  if (row === MIGRATION_NEW) {
    const isNew = `NOT EXISTS (SELECT 1 FROM loan b WHERE b.data_date = @from_snap AND b.loan_no = l.loan_no)`;
    const inCol = col === MIGRATION_PAID ? 'l.balance = 0' : `l.balance <> 0 AND COALESCE(l.class5, '${UNFILLED}') = @m_col`;
    return rows('loans', 'loan', x, v, `l.data_date = @to_snap AND ${isNew} AND ${inCol}`, params);
  }
  const inCol = col === MIGRATION_PAID ? `NOT EXISTS (${later})` : `EXISTS (${later} AND COALESCE(a.class5, '${UNFILLED}') = @m_col)`;
  return rows('loans', 'loan', x, v, `l.data_date = @from_snap AND COALESCE(l.class5, '${UNFILLED}') = @m_row AND ${inCol}`, params);
}


export const KEYS: Record<string, KeyDef> = {
  // --- deposits: every row of the latest snapshot ≤ date, whatever its status (DATA.md deposit_balance)
  deposit_balance: { list: 'deposits', total: 'fen', snapshot: 'deposit', source: (x) => deposits(x, 'd.balance') },
  deposit_accounts: { list: 'deposits', total: 'count', snapshot: 'deposit', source: (x) => deposits(x, '1', inServiceSql.deposit('d')) },
  deposit_by_kind: {
    list: 'deposits',
    total: 'fen',
    snapshot: 'deposit',
    cats: () => enumOf('deposit', 'kind'),
    source: (x) => deposits(x, 'd.balance', catIs('d.kind'), { cat: x.cat }),
  },
  // --- loans: the latest loan snapshot ≤ date
  loan_balance: { list: 'loans', total: 'fen', snapshot: 'loan', source: (x) => loans(x) },
  loans: { list: 'loans', total: 'count', snapshot: 'loan', source: (x) => loans(x, 'l.balance > 0', {}, '1') },
  loan_customers: {
    list: 'customers',
    total: 'count',
    snapshot: 'loan',
    source: (x) => customersOfRows('loan', 'l.cust_id', x, 'l.data_date = @snap AND l.balance > 0', { snap: x.snapshot }),
  },
  inclusive_loan_balance: { list: 'loans', total: 'fen', snapshot: 'loan', source: (x) => loans(x, 'l.is_inclusive = 1') },
  online_loan_balance: { list: 'loans', total: 'fen', snapshot: 'loan', source: (x) => loans(x, 'l.is_online = 1') },
  npl_balance: { list: 'loans', total: 'fen', snapshot: 'loan', source: (x) => loans(x, `l.class5 IN ('次级', '可疑', '损失')`) },
  overdue_balance: { list: 'loans', total: 'fen', snapshot: 'loan', source: (x) => loans(x, 'l.overdue_days > 0') },
  overdue_buckets: {
    list: 'loans',
    total: 'fen',
    snapshot: 'loan',
    cats: fixed(OVERDUE_BUCKETS),
    source: (x) => {
      const [lo, hi] = BUCKET_DAYS[x.cat!];
      return loans(x, `l.overdue_days >= @lo AND (@hi IS NULL OR l.overdue_days <= @hi)`, { lo, hi });
    },
  },
  loan_by_guarantee: { list: 'loans', total: 'fen', snapshot: 'loan', cats: () => enumOf('loan', 'guarantee'), source: (x) => loans(x, catIs('l.guarantee'), { cat: x.cat }) },
  loan_by_product: { list: 'loans', total: 'fen', snapshot: 'loan', cats: () => 'free', source: (x) => loans(x, catIs('l.product'), { cat: x.cat }) },
  loan_by_class5: { list: 'loans', total: 'fen', snapshot: 'loan', cats: fixed([...CLASS5, UNFILLED]), source: (x) => loans(x, catIs('l.class5'), { cat: x.cat }) },
  loan_migration: { list: 'loans', total: 'fen', snapshot: 'loan', cats: () => 'free', label: { zh: '迁徙贷款余额', en: 'Migrated loan balance' }, source: (x) => migrationCell(x, 'l.balance') },
  loan_migration_count: { list: 'loans', total: 'count', snapshot: 'loan', cats: () => 'free', label: { zh: '迁徙贷款笔数', en: 'Migrated loans' }, source: (x) => migrationCell(x, '1') },
  // --- signings and the customers behind them
  intermediate_active_customers: {
    list: 'customers',
    total: 'count',
    source: (x) =>
      customersOfRows('signing', 's.cust_id', x, `s.biz_type IN (SELECT value FROM json_each(@types)) AND ${activeSigning} AND ${used90}`, {
        types: JSON.stringify([...INTERMEDIATE_TYPES]),
        date: x.date,
        u_from: used90From(x.date),
      }),
  },
  signings_by_type: { list: 'signings', total: 'count', cats: fixed(SIGNING_TYPES), source: (x) => signings(x, activeSigning) },
  signings_new_by_type: {
    list: 'signings',
    total: 'count',
    cats: fixed(SIGNING_TYPES),
    source: (x) => signings(x, 's.sign_date >= @m_from AND s.sign_date < @m_to'),
  },
  signings_used90_by_type: { list: 'signings', total: 'count', cats: fixed(SIGNING_TYPES), source: (x) => signings(x, `${activeSigning} AND ${used90}`) },
  // --- 收单: merchants in service (状态 正常, signed ≤ date); transactions of the scope's merchants, any status
  merchants: { list: 'merchants', total: 'count', source: (x) => merchants(x, '1', inServiceSql.merchant('m', '@date'), '1') },
  effective_merchants: {
    list: 'merchants',
    total: 'count',
    source: (x) => merchants(x, '1', inServiceSql.merchant('m', '@date'), 'y.txns >= @eff_txns AND y.amount >= @eff_fen'),
  },
  high_quality_merchants: {
    list: 'merchants',
    total: 'count',
    source: (x) => merchants(x, '1', inServiceSql.merchant('m', '@date'), 'y.days >= @hq_days AND y.txns >= @hq_txns AND y.payers >= @hq_payers'),
  },
  acq_txn_count: { list: 'merchants', total: 'sum', source: (x) => merchants(x, 'y.txns', '1', 'y.txns > 0') },
  acq_txn_amount: { list: 'merchants', total: 'fen', source: (x) => merchants(x, 'y.amount', '1', 'y.txns > 0') },
  // --- cards: 贷记卡 issued on or before the date and not 销卡
  credit_cards_issued: {
    list: 'cards',
    total: 'count',
    source: (x) => rows('cards', 'card', x, '1', `k.card_type = '贷记卡' AND k.issue_date <= @date AND (k.status IS NULL OR k.status <> '销卡')`, { date: x.date }),
  },
  // --- visits of the month
  visits: { list: 'visits', total: 'count', source: (x) => rows('visits', 'visit', x, '1', 'v.visit_time >= @m_from AND v.visit_time < @m_to', month(x.date)) },
  visited_customers: {
    list: 'customers',
    total: 'count',
    source: (x) => customersOfRows('visit', 'v.cust_id', x, `v.cust_id IS NOT NULL AND v.cust_id <> '' AND v.visit_time >= @m_from AND v.visit_time < @m_to`, month(x.date)),
  },
  // --- customers on the books (建档日期 ≤ date), by their own org and 管户客户经理
  customers: { list: 'customers', total: 'count', source: (x) => customersOf(ownCustomers(x), x) },
  avg_items_per_customer: { list: 'customers', total: 'avg', source: (x) => customersOf(ownCustomers(x), x, 'COALESCE(h.coverage, 0)') },
  item_share: {
    list: 'customers',
    total: 'share',
    cats: (db) => getCatalog(db).map((i) => String(i.id)),
    source: (x) => ({
      ...customersOf(ownCustomers(x), x, '1', '((h.mask >> (@bit - 1)) & 1) = 1'),
      params: { ...customersOf(ownCustomers(x), x).params, bit: Number(x.cat) },
      denominator: customersOf(ownCustomers(x), x),
    }),
  },
};
