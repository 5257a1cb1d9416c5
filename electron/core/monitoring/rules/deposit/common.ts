// What the deposit and loan rules share: parameters read with their defaults, money written in 万元
// for the summary sentences, days written as 7月29日, and the daily balances of a few accounts or
// customers read from the deposit snapshots (DATA.md: a snapshot stands for every day until the
// next one; an account absent from a snapshot held that day had nothing in it).
import type { Db } from '../../../db/connection.js';
import { addDays, daysBetween, monthEnd } from '../../../../../shared/dates.js';
import { fenToYuan } from '../../../../../shared/money.js';
import { snapshotDates } from '../../../indicators/snapshots.js';
import { latestSnapshot } from '../../../rules/in-service.js';
import type { RuleContext, RuleParam } from '../../rule.js';

/** The parameter in force, else its default (the engine validates saved values against min/max). */
export function paramOf(ctx: RuleContext, params: readonly RuleParam[], key: string): number {
  const v = ctx.params[key];
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  const p = params.find((x) => x.key === key);
  if (!p) throw new Error(`unknown parameter ${key}`);
  return p.default;
}

/** 元 as the settings hold them → integer 分 (at most 2 decimals are meaningful). */
export function yuanToFenN(yuan: number): bigint {
  return BigInt(Math.round(yuan * 100));
}

/** A fraction (0.8) as an integer of basis points, for exact comparisons on integer 分. */
export function basisPoints(fraction: number): bigint {
  return BigInt(Math.round(fraction * 10_000));
}

/** 分 → "860", "12.5", "0.35" (万元, at most 2 decimals, rounded half up, trailing zeros dropped). */
export function wan(fen: bigint): string {
  const neg = fen < 0n;
  const abs = neg ? -fen : fen;
  // 1 万元 = 1,000,000 分; keep 2 decimals → units of 10,000 分
  const hundredths = (abs + 5_000n) / 10_000n;
  const whole = hundredths / 100n;
  const frac = (hundredths % 100n).toString().padStart(2, '0').replace(/0+$/, '');
  return (neg ? '-' : '') + whole.toString() + (frac ? '.' + frac : '');
}

/** 2024-07-29 → 7月29日 */
export function md(day: string): string {
  return `${+day.slice(5, 7)}月${+day.slice(8, 10)}日`;
}

/** 7月29–31日, or 6月30日–7月2日 across months, or 7月29日 for one day */
export function mdRange(from: string, to: string): string {
  if (from === to) return md(from);
  if (from.slice(0, 7) === to.slice(0, 7)) return `${+from.slice(5, 7)}月${+from.slice(8, 10)}–${+to.slice(8, 10)}日`;
  return `${md(from)}–${md(to)}`;
}

/** Every month end M with M ≤ to and M + lookAhead ≥ from: the month ends whose case (the month end
 *  itself, or what follows it within lookAhead days) touches the run's period. */
export function monthEndsFor(from: string, to: string, lookAhead: number): string[] {
  const out: string[] = [];
  let m = monthEnd(addDays(from, -lookAhead));
  while (m <= to) {
    if (addDays(m, lookAhead) >= from) out.push(m);
    m = monthEnd(addDays(m, 1));
  }
  return out;
}

/** The deposit snapshots that stand for the days [from, to]: the latest ≤ from carried in, then each later one. */
export function depositSnapshots(db: Db, from: string, to: string): string[] {
  const carried = latestSnapshot(db, 'deposit', from);
  const inside = snapshotDates(db, 'deposit', addDays(from, 1), to);
  return carried ? [carried, ...inside] : inside;
}

/** The snapshot standing for `day` (latest ≤ day), or null before the first. */
export function snapOn(snaps: readonly string[], day: string): string | null {
  let found: string | null = null;
  for (const s of snaps) {
    if (s > day) break;
    found = s;
  }
  return found;
}

/** The balance (分) of one account or customer on `day`: its row of the snapshot standing for the day, 0 when absent. */
export function valueOn(snaps: readonly string[], bySnap: Map<string, bigint> | undefined, day: string): bigint {
  const s = snapOn(snaps, day);
  return s === null ? 0n : (bySnap?.get(s) ?? 0n);
}

/** Daily values over [from, to] in 元, for an evidence chart. */
export function dailySeries(snaps: readonly string[], bySnap: Map<string, bigint> | undefined, from: string, to: string): { date: string; value: number }[] {
  const out: { date: string; value: number }[] = [];
  const n = daysBetween(from, to);
  for (let i = 0; i <= n; i++) {
    const d = addDays(from, i);
    out.push({ date: d, value: fenToYuan(valueOn(snaps, bySnap, d)) });
  }
  return out;
}

/** Σ over the days [from, to] of the daily value (分·days), for an exact average (÷ the number of days). */
export function sumOverDays(snaps: readonly string[], bySnap: Map<string, bigint> | undefined, from: string, to: string): bigint {
  let total = 0n;
  const n = daysBetween(from, to);
  for (let i = 0; i <= n; i++) total += valueOn(snaps, bySnap, addDays(from, i));
  return total;
}

/** Balances of the given accounts at the given snapshots: account → snapshot → 分. One query. */
export function accountBalances(db: Db, acctNos: readonly string[], snaps: readonly string[]): Map<string, Map<string, bigint>> {
  const out = new Map<string, Map<string, bigint>>();
  if (!acctNos.length || !snaps.length) return out;
  const rows = db
    .prepare(
      `SELECT acct_no, data_date, balance FROM deposit
        WHERE data_date IN (SELECT value FROM json_each(?)) AND acct_no IN (SELECT value FROM json_each(?))`,
    )
    .raw(true)
    .safeIntegers(true)
    .iterate(JSON.stringify(snaps), JSON.stringify(acctNos)) as Iterable<[string, string, bigint]>;
  for (const [acct, date, fen] of rows) {
    let m = out.get(acct);
    if (!m) out.set(acct, (m = new Map()));
    m.set(date, fen);
  }
  return out;
}

export interface CustomerAccount {
  acct_no: string;
  cust_id: string;
  kind: string | null;
  org_id: string | null;
  manager_id: string | null;
}

/** The deposit accounts of the given customers at the given snapshots, with each account's balances
 *  and the customer's daily totals (customer → snapshot → Σ 分). One query (uses deposit_cust). */
export function customerDeposits(
  db: Db,
  custIds: readonly string[],
  snaps: readonly string[],
): { accounts: Map<string, CustomerAccount[]>; balances: Map<string, Map<string, bigint>>; totals: Map<string, Map<string, bigint>> } {
  const accounts = new Map<string, CustomerAccount[]>();
  const balances = new Map<string, Map<string, bigint>>();
  const totals = new Map<string, Map<string, bigint>>();
  if (!custIds.length || !snaps.length) return { accounts, balances, totals };
  const rows = db
    .prepare(
      `SELECT d.cust_id, d.acct_no, d.data_date, d.balance, d.kind, COALESCE(NULLIF(d.org_id, ''), c.org_id) AS org, d.manager_id
         FROM deposit d LEFT JOIN customer c ON c.cust_id = d.cust_id
        WHERE d.cust_id IN (SELECT value FROM json_each(?)) AND d.data_date IN (SELECT value FROM json_each(?))
        ORDER BY d.cust_id, d.acct_no, d.data_date`,
    )
    .raw(true)
    .safeIntegers(true)
    .iterate(JSON.stringify(custIds), JSON.stringify(snaps)) as Iterable<[string, string, string, bigint, string | null, string | null, string | null]>;
  for (const [cust, acct, date, fen, kind, org, manager] of rows) {
    let list = accounts.get(cust);
    if (!list) accounts.set(cust, (list = []));
    // the account's latest row (rows come by date) says its org and manager
    const known = list.find((a) => a.acct_no === acct);
    if (known) Object.assign(known, { kind, org_id: org, manager_id: manager });
    else list.push({ acct_no: acct, cust_id: cust, kind, org_id: org, manager_id: manager });
    let b = balances.get(acct);
    if (!b) balances.set(acct, (b = new Map()));
    b.set(date, fen);
    let t = totals.get(cust);
    if (!t) totals.set(cust, (t = new Map()));
    t.set(date, (t.get(date) ?? 0n) + fen);
  }
  return { accounts, balances, totals };
}

/** Score 0–100 from how many times a case exceeds its bar: 50 at the bar, 100 at `full` times it. */
export function scoreOver(times: number, full: number): number {
  if (times === Infinity) return 100;
  if (!Number.isFinite(times) || times <= 1) return 50;
  return Math.min(100, Math.round(50 + (50 * (times - 1)) / Math.max(full - 1, 1e-9)));
}
