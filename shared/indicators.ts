// The indicators of DATA.md ("Indicator keys") as the API, the CLI, the dashboards and the
// documents name them: one key, one meaning, one unit. The core computes them
// (electron/core/indicators); this file only describes them.

/** What an indicator is measured in. Money leaves the core in 元 (2 decimals, from integer 分). */
export type IndicatorUnit = 'yuan' | 'count' | 'ratio' | 'avg' | 'map_yuan' | 'map_count' | 'map_ratio';

export interface IndicatorMeta {
  key: string;
  zh: string;
  en: string;
  unit: IndicatorUnit;
  /** the dashboard it belongs to first */
  group: DashboardId;
  /** lower is better (npl_ratio, overdue_ratio, …): completion is target ÷ actual */
  lowerIsBetter?: boolean;
}

export const DASHBOARD_IDS = ['overview', 'deposit', 'loan', 'quality', 'ebank', 'acquiring', 'card_visit', 'coverage'] as const;
export type DashboardId = (typeof DASHBOARD_IDS)[number];

/** The overdue buckets of DATA.md, in order, as keys of `overdue_buckets`. */
export const OVERDUE_BUCKETS = ['1-30', '31-60', '61-90', '91-180', '181-360', '>360'] as const;
export type OverdueBucket = (typeof OVERDUE_BUCKETS)[number];

/** 五级分类 in order, then the two migration margins. */
export const CLASS5 = ['正常', '关注', '次级', '可疑', '损失'] as const;
export const MIGRATION_NEW = '新发放';
export const MIGRATION_PAID = '结清';

/**
 * Every key `branch-console indicators --json` prints (DATA.md's list first, then the figures the
 * dashboards add). Objects (map_*) are keyed by the category (存款种类, 担保方式, …).
 */
export const INDICATORS: readonly IndicatorMeta[] = [
  { key: 'deposit_balance', zh: '各项存款余额', en: 'Deposits', unit: 'yuan', group: 'deposit' },
  { key: 'deposit_avg_month', zh: '存款月日均', en: 'Deposits, month daily average', unit: 'yuan', group: 'deposit' },
  { key: 'deposit_avg_quarter', zh: '存款季日均', en: 'Deposits, quarter daily average', unit: 'yuan', group: 'deposit' },
  { key: 'deposit_avg_year', zh: '存款年日均', en: 'Deposits, year daily average', unit: 'yuan', group: 'deposit' },
  { key: 'deposit_deviation', zh: '存款偏离度', en: 'Deposit deviation', unit: 'ratio', group: 'deposit' },
  { key: 'loan_balance', zh: '各项贷款余额', en: 'Loans', unit: 'yuan', group: 'loan' },
  { key: 'loan_customers', zh: '贷款户数', en: 'Borrowers', unit: 'count', group: 'loan' },
  { key: 'loan_balance_ytd_change', zh: '贷款比年初增量', en: 'Loans, change since year start', unit: 'yuan', group: 'loan' },
  { key: 'credit_loan_ratio', zh: '信用贷款占比', en: 'Unsecured loan share', unit: 'ratio', group: 'loan' },
  { key: 'inclusive_loan_balance', zh: '普惠小微贷款余额', en: 'Inclusive small-business loans', unit: 'yuan', group: 'loan' },
  { key: 'online_loan_balance', zh: '线上贷款余额', en: 'Online loans', unit: 'yuan', group: 'loan' },
  { key: 'npl_balance', zh: '不良贷款余额', en: 'Non-performing loans', unit: 'yuan', group: 'quality', lowerIsBetter: true },
  { key: 'npl_ratio', zh: '不良贷款率', en: 'NPL ratio', unit: 'ratio', group: 'quality', lowerIsBetter: true },
  { key: 'overdue_balance', zh: '逾期贷款余额', en: 'Overdue loans', unit: 'yuan', group: 'quality', lowerIsBetter: true },
  { key: 'overdue_ratio', zh: '逾期贷款率', en: 'Overdue ratio', unit: 'ratio', group: 'quality', lowerIsBetter: true },
  { key: 'overdue_buckets', zh: '逾期分段余额', en: 'Overdue by days', unit: 'map_yuan', group: 'quality' },
  { key: 'loan_deviation', zh: '贷款偏离度', en: 'Loan deviation', unit: 'ratio', group: 'loan' },
  { key: 'loan_to_deposit_ratio', zh: '存贷比', en: 'Loan-to-deposit ratio', unit: 'ratio', group: 'overview' },
  { key: 'intermediate_active_customers', zh: '中间业务有效客户', en: 'Active fee business customers', unit: 'count', group: 'ebank' },
  { key: 'merchants', zh: '收单商户数', en: 'Merchants', unit: 'count', group: 'acquiring' },
  { key: 'effective_merchants', zh: '有效商户数', en: 'Effective merchants', unit: 'count', group: 'acquiring' },
  { key: 'high_quality_merchants', zh: '高质量商户数', en: 'High-quality merchants', unit: 'count', group: 'acquiring' },
  { key: 'acq_txn_count', zh: '收单交易笔数(月)', en: 'Acquiring transactions (month)', unit: 'count', group: 'acquiring' },
  { key: 'acq_txn_amount', zh: '收单交易金额(月)', en: 'Acquiring amount (month)', unit: 'yuan', group: 'acquiring' },
  { key: 'credit_cards_issued', zh: '贷记卡发卡量', en: 'Credit cards issued', unit: 'count', group: 'card_visit' },
  { key: 'credit_card_activation_rate', zh: '贷记卡激活率', en: 'Credit card activation rate', unit: 'ratio', group: 'card_visit' },
  { key: 'credit_card_sleep_rate', zh: '贷记卡睡眠卡率', en: 'Credit card dormancy rate', unit: 'ratio', group: 'card_visit', lowerIsBetter: true },
  { key: 'visits', zh: '走访次数(月)', en: 'Visits (month)', unit: 'count', group: 'card_visit' },
  { key: 'visited_customers', zh: '走访客户数(月)', en: 'Customers visited (month)', unit: 'count', group: 'card_visit' },
  { key: 'avg_items_per_customer', zh: '户均持有项数', en: 'Items per customer', unit: 'avg', group: 'coverage' },
  // --- the dashboards' further figures ---
  { key: 'customers', zh: '客户数', en: 'Customers', unit: 'count', group: 'overview' },
  { key: 'deposit_accounts', zh: '存款账户数', en: 'Deposit accounts', unit: 'count', group: 'deposit' },
  { key: 'deposit_balance_ytd_change', zh: '存款比年初增量', en: 'Deposits, change since year start', unit: 'yuan', group: 'deposit' },
  { key: 'deposit_balance_mtd_change', zh: '存款比上月增量', en: 'Deposits, change since last month end', unit: 'yuan', group: 'deposit' },
  { key: 'deposit_by_kind', zh: '存款结构(按存款种类)', en: 'Deposits by kind', unit: 'map_yuan', group: 'deposit' },
  { key: 'loans', zh: '贷款笔数', en: 'Loans (count)', unit: 'count', group: 'loan' },
  { key: 'loan_by_guarantee', zh: '贷款结构(按担保方式)', en: 'Loans by guarantee', unit: 'map_yuan', group: 'loan' },
  { key: 'loan_by_product', zh: '贷款结构(按产品)', en: 'Loans by product', unit: 'map_yuan', group: 'loan' },
  { key: 'loan_by_class5', zh: '五级分类余额', en: 'Loans by risk class', unit: 'map_yuan', group: 'quality' },
  { key: 'signings_by_type', zh: '有效签约(按业务类型)', en: 'Active signings by type', unit: 'map_count', group: 'ebank' },
  { key: 'signings_new_by_type', zh: '本月新签约(按业务类型)', en: 'New signings this month by type', unit: 'map_count', group: 'ebank' },
  { key: 'signings_used90_by_type', zh: '90天内使用(按业务类型)', en: 'Used within 90 days by type', unit: 'map_count', group: 'ebank' },
  { key: 'acq_txn_count_day', zh: '收单交易笔数(当日)', en: 'Acquiring transactions (day)', unit: 'count', group: 'acquiring' },
  { key: 'acq_txn_amount_day', zh: '收单交易金额(当日)', en: 'Acquiring amount (day)', unit: 'yuan', group: 'acquiring' },
  { key: 'effective_merchant_share', zh: '有效商户占比', en: 'Effective merchant share', unit: 'ratio', group: 'acquiring' },
  { key: 'high_quality_merchant_share', zh: '高质量商户占比', en: 'High-quality merchant share', unit: 'ratio', group: 'acquiring' },
  { key: 'visits_day', zh: '走访次数(当日)', en: 'Visits (day)', unit: 'count', group: 'card_visit' },
  { key: 'grid_households', zh: '网格户数', en: 'Grid households', unit: 'count', group: 'card_visit' },
  { key: 'grid_visited_households', zh: '网格已走访户数(月)', en: 'Grid households visited (month)', unit: 'count', group: 'card_visit' },
  { key: 'grid_coverage_ratio', zh: '网格覆盖率', en: 'Grid coverage', unit: 'ratio', group: 'card_visit' },
  { key: 'item_share', zh: '各项持有率', en: 'Holding share per item', unit: 'map_ratio', group: 'coverage' },
];

export const INDICATOR_BY_KEY: ReadonlyMap<string, IndicatorMeta> = new Map(INDICATORS.map((m) => [m.key, m]));

export type IndicatorValue = number | null | Record<string, number | null>;
export type IndicatorSet = Record<string, IndicatorValue>;

/** Whose figures: the bank (every row), an org and the orgs below it, or the rows naming a staff member. */
export type TargetRef = { type: 'bank'; id: null } | { type: 'org'; id: string } | { type: 'staff'; id: string };

/** `branch-console indicators --json` and GET /api/indicators */
export interface IndicatorsResult {
  date: string;
  scope: { type: 'bank' | 'org' | 'staff'; id: string | null };
  indicators: IndicatorSet;
}

/** A day and which dated datasets hold data for it (the date picker marks days without any). */
export interface DataDay {
  date: string;
  deposit: boolean;
  loan: boolean;
  acq_txn: boolean;
  visit: boolean;
}

/** `branch-console migration --json`: matrix[fromClass][toClass] = {balance 元, count}. */
export interface MigrationCell {
  balance: number;
  count: number;
}
export interface MigrationResult {
  from: string;
  to: string;
  /** the snapshots the two dates resolved to (latest ≤ each); null when none */
  fromSnapshot: string | null;
  toSnapshot: string | null;
  matrix: Record<string, Record<string, MigrationCell>>;
}

/** The comparison bases beside the data date. */
export const BASE_KINDS = ['prev_day', 'prev_month_end', 'prev_quarter_end', 'year_start', 'year_ago', 'custom'] as const;
export type BaseKind = (typeof BASE_KINDS)[number];
