// When a row is "current", "active" or "in service": one definition per dataset, read by the
// figures (metrics), the 18-item holdings (crm/holdings-build.ts set-wise, crm/holdings-items.ts
// per customer) and every later module (dashboards, monitoring, assessment). Each rule is written
// twice, as SQL and as a JS predicate over a row already read, side by side here;
// tests/unit/rules/in-service.test.ts runs both on every status value (and an empty one) and holds
// them equal.
//
// The rules are DATA.md's ("The 18 basic business items" and "Indicator keys"):
// - deposit: in the latest snapshot ≤ the date (latestSnapshot) and 账户状态 not 销户. DATA.md
//   defines it by what it is not, so an empty 账户状态 is current (冻结 and 久悬 accounts are still
//   the customer's). Balances (存款余额, 日均) sum every row of the snapshot, whatever its status,
//   as DATA.md's deposit_balance says: a 销户 row carries its last balance, normally 0.
// - loan: in the latest snapshot ≤ the date; a loan has no status column (结清 = balance 0, which
//   the 贷款用信 item and the figures test themselves).
// - card: 卡状态 正常. An empty 卡状态 is not 正常: the card is not counted as held.
// - signing: 状态 有效, 签约日期 ≤ the date, and no 解约日期 ≤ the date. An empty 状态 is not 有效.
// - customer: 建档日期 ≤ the date, or empty (a customer on the books; DATA.md's customer counts and
//   avg_items_per_customer).
// - merchant: 状态 正常 and 签约日期 ≤ the date; an empty 签约日期 counts as signed (the merchant
//   is in service now and the export does not say since when), an empty 状态 is not 正常.
//
// Where DATA.md names the value that makes a row count (正常, 有效), an empty value does not make
// it count: the console never guesses a status, and a figure that feeds assessment and the
// monitoring of inflated performance must not count a row nobody has shown to be live (what the
// 1104/EAST returns would do: they report a record by its stated status, and an unknown status is
// a data-quality finding, not a live account). Where DATA.md defines the rule by exclusion (not
// 销户), the empty value is not excluded.
import type { Db } from '../db/connection.js';

/** The latest data_date ≤ date held in a snapshot table, bank-wide; null when none. A snapshot
 *  stands for every day until the next one, so this is "the current rows" of deposit and loan. */
export function latestSnapshot(db: Db, table: 'deposit' | 'loan', date: string): string | null {
  const r = db.prepare(`SELECT MAX(data_date) AS d FROM ${table} WHERE data_date <= ?`).get(date) as { d: string | null };
  return r.d;
}

/** A row as the predicates read it (columns of the dataset's table, null when empty). */
export interface StatusRow {
  status: string | null;
}
export interface SigningRow extends StatusRow {
  sign_date: string;
  cancel_date: string | null;
}
export interface CustomerRow {
  open_date: string | null;
}
export interface MerchantRow extends StatusRow {
  sign_date: string | null;
}

/**
 * SQL fragments: `a` is the table's alias, `date` an SQL expression for the as-of day (a named
 * parameter such as '@date'). Deposit and loan rows are also limited to the latest snapshot by the
 * caller (latestSnapshot), as that is a choice of rows, not a test of one.
 */
export const inServiceSql = {
  customer: (a: string, date: string): string => `(${a}.open_date IS NULL OR ${a}.open_date <= ${date})`,
  deposit: (a: string): string => `(${a}.status IS NULL OR ${a}.status <> '销户')`,
  loan: (_a: string): string => '1',
  card: (a: string): string => `${a}.status = '正常'`,
  signing: (a: string, date: string): string =>
    `(${a}.status = '有效' AND ${a}.sign_date <= ${date} AND (${a}.cancel_date IS NULL OR ${a}.cancel_date > ${date}))`,
  merchant: (a: string, date: string): string => `(${a}.status = '正常' AND (${a}.sign_date IS NULL OR ${a}.sign_date <= ${date}))`,
} as const;

/** The same rules for a row already read. */
export const inService = {
  customer: (r: CustomerRow, date: string): boolean => r.open_date === null || r.open_date <= date,
  deposit: (r: StatusRow): boolean => r.status !== '销户',
  loan: (_r: object): boolean => true,
  card: (r: StatusRow): boolean => r.status === '正常',
  signing: (r: SigningRow, date: string): boolean => r.status === '有效' && r.sign_date <= date && (r.cancel_date === null || r.cancel_date > date),
  merchant: (r: MerchantRow, date: string): boolean => r.status === '正常' && (r.sign_date === null || r.sign_date <= date),
} as const;

export type InServiceDataset = keyof typeof inService;
