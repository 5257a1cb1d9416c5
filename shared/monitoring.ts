// Monitoring (后评价): the rules of DATA.md "Monitoring models" as the API, the CLI and the screens
// name them, and the shape of an alert. Rule ids and subject types are a stable contract (issue 10).

export const MONITOR_FAMILIES = ['deposit', 'loan', 'card', 'merchant', 'ebank'] as const;
export type MonitorFamily = (typeof MONITOR_FAMILIES)[number];

export const FAMILY_LABELS: Record<MonitorFamily, { zh: string; en: string }> = {
  deposit: { zh: '存款', en: 'Deposits' },
  loan: { zh: '贷款', en: 'Loans' },
  card: { zh: '贷记卡', en: 'Credit cards' },
  merchant: { zh: '收单', en: 'Acquiring' },
  ebank: { zh: '电子银行', en: 'E-banking' },
};

export const SUBJECT_TYPES = ['org', 'staff', 'account', 'loan', 'customer', 'merchant', 'signing'] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

/** rule id → its family and the subject type(s) its alerts carry (issue 10's table). */
export const RULES = {
  'deposit.deviation': { family: 'deposit', subject: ['org', 'staff'] },
  'deposit.window_dressing': { family: 'deposit', subject: ['account'] },
  'loan.period_end': { family: 'loan', subject: ['loan'] },
  'loan.renew_to_repay': { family: 'loan', subject: ['loan'] },
  'loan.several_managers': { family: 'loan', subject: ['customer'] },
  'loan.proceeds_back': { family: 'loan', subject: ['loan'] },
  'card.bulk_issue': { family: 'card', subject: ['staff'] },
  'card.shared_contact': { family: 'card', subject: ['customer'] },
  'card.not_activated': { family: 'card', subject: ['staff'] },
  'merchant.few_payers': { family: 'merchant', subject: ['merchant'] },
  'merchant.round_amounts': { family: 'merchant', subject: ['merchant'] },
  'merchant.split_bursts': { family: 'merchant', subject: ['merchant'] },
  'merchant.night': { family: 'merchant', subject: ['merchant'] },
  'merchant.self_paid': { family: 'merchant', subject: ['merchant'] },
  'ebank.never_used': { family: 'ebank', subject: ['signing'] },
  'ebank.bulk_signing': { family: 'ebank', subject: ['staff'] },
  'ebank.sign_cancel': { family: 'ebank', subject: ['signing'] },
} as const satisfies Record<string, { family: MonitorFamily; subject: readonly SubjectType[] }>;
export type RuleId = keyof typeof RULES;
export const RULE_IDS = Object.keys(RULES) as RuleId[];

/** A parameter of a rule, as the settings screen shows and validates it. */
export interface RuleParamMeta {
  key: string;
  zh: string;
  en: string;
  /** yuan: 元 with at most 2 decimals (stored as 分 by the core); ratio: a fraction (0.03); days/count: integers; hour: 0–23 */
  kind: 'yuan' | 'ratio' | 'days' | 'count' | 'hour' | 'minutes' | 'number';
  min?: number;
  max?: number;
}

/** What a rule is, for the settings screen: labels, the paragraph explaining it, its parameters. */
export interface RuleInfo {
  id: RuleId;
  family: MonitorFamily;
  zh: string;
  en: string;
  /** one paragraph in Chinese: what it catches and why it matters */
  explanation: string;
  explanationEn: string;
  params: RuleParamMeta[];
  /** the parameters in force and their version */
  values: Record<string, number>;
  version: number;
  enabled: boolean;
}

/** One row behind an alert: an account with its daily balances, a loan, a transaction, a card, a signing… */
export interface Evidence {
  kind: 'account' | 'loan' | 'txn' | 'card' | 'signing' | 'customer' | 'merchant' | 'figure';
  /** the record's key (账号, 借据号, 交易流水号, masked card, 签约流水号, 客户号, 商户号; for a figure: the indicator key) */
  id: string;
  /** the record's fields as shown (dates, amounts in 元, payer, time, status …); personal data masked */
  fields: Record<string, string | number | null>;
  /** daily values (balances in 元) for a small chart */
  series?: { date: string; value: number }[];
}

/**
 * What an alert takes out of a figure once confirmed (剔除): `value` (元 for money keys, a count
 * otherwise) of indicator `key` on the days [from, to], for the org and staff member it belongs to.
 */
export interface AlertEffect {
  key: string;
  from: string;
  to: string;
  org_id: string | null;
  staff_id: string | null;
  value: number;
}

/** `branch-console monitor --json`: one per rule, subject and period. */
export interface AlertJson {
  rule: RuleId;
  subject: { type: SubjectType; id: string };
  org_id: string | null;
  staff_id: string | null;
  /** the month the case belongs to, 'YYYY-MM' */
  period: string;
  /** how strong the case is, 0–100 */
  score: number;
  summary: string;
  evidence: Evidence[];
}

export const ALERT_STATUSES = ['pending', 'confirmed', 'dismissed'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];
export const STATUS_LABELS: Record<AlertStatus, { zh: string; en: string }> = {
  pending: { zh: '待核实', en: 'To verify' },
  confirmed: { zh: '已确认', en: 'Confirmed' },
  dismissed: { zh: '已排除', en: 'Dismissed' },
};

/** An alert as stored and listed (GET /api/monitoring/alerts). */
export interface Alert extends AlertJson {
  id: number;
  family: MonitorFamily;
  ruleVersion: number;
  status: AlertStatus;
  reason: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  firstSeen: string;
  lastSeen: string;
  /** a later run found different evidence for a decided alert (the decision stands; the user is told) */
  evidenceChanged: boolean;
  effects: AlertEffect[];
  orgName: string | null;
  staffName: string | null;
}

/** What started a run of the rules. */
export type RunTrigger = 'import' | 'undo' | 'manual' | 'cli';

/** GET /api/monitoring/status (and POST /api/monitoring/run's answer). */
export interface MonitorJobStatus {
  state: 'idle' | 'waiting' | 'running' | 'failed';
  /** months run by the current (or last) run, out of total */
  done: number;
  total: number;
  current: string | null;
  /** the range waiting for its turn (from null: the latest data month) */
  pending: { from: string | null; to: string | null } | null;
  /** the last run that finished */
  last: { from: string; to: string; trigger: RunTrigger; alerts: number; finishedAt: string } | null;
  error: string | null;
}

/** POST /api/monitoring/backtest: what a rule would raise, per org, nothing stored. */
export interface BacktestResult {
  rule: RuleId;
  from: string;
  to: string;
  /** the parameters it ran with (those in force, overridden by the ones asked) */
  params: Record<string, number>;
  total: number;
  byOrg: { org: string | null; name: string | null; count: number }[];
  ms: number;
}
