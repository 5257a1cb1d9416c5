// An independent computation of DATA.md's indicator keys: plain SQL over the raw rows, written
// from DATA.md's definitions without the indicators module (no cells, no weights, no roll-up
// code). A day's deposit total is looked up day by day (the latest snapshot ≤ that day), the org
// subtree is a recursive CTE, and a row's org is restated from DATA.md ("a row without 所属机构号
// belongs to its customer's"). The tests hold the module's figures equal to these.
import type { Db } from '../../../electron/core/db/connection.js';
import { ensureHoldings } from '../../../electron/core/crm/holdings.js';

export interface OracleTarget {
  /** an org and every org below it; null = every row of the bank */
  org: string | null;
  staff: string | null;
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const ms = (d: string) => Date.parse(d + 'T00:00:00Z');
const addDays = (d: string, n: number) => day(ms(d) + n * 86_400_000);

function divRound(n: bigint, d: bigint): bigint {
  const q = n / d;
  const r = n % d;
  return (r < 0n ? -r : r) * 2n >= d ? (n < 0n ? q - 1n : q + 1n) : q;
}
const yuan = (fen: bigint | number) => Number(fen) / 100;
const frac = (a: bigint | number, b: bigint | number) => (Number(b) === 0 ? null : Number(a) / Number(b));

export function oracle(db: Db, date: string, t: OracleTarget): Record<string, unknown> {
  const orgs = t.org === null ? null : (db.prepare(`WITH RECURSIVE sub(id) AS (SELECT ? UNION SELECT o.org_id FROM org o JOIN sub ON o.parent_id = sub.id) SELECT id FROM sub`).pluck().all(t.org) as string[]);
  const orgOk = (expr: string) => (orgs === null ? '1' : `${expr} IN (SELECT value FROM json_each(@orgs))`);
  const staffOk = (col: string) => (t.staff === null ? '1' : `${col} = @staff`);
  const p = { orgs: JSON.stringify(orgs ?? []), staff: t.staff, date };
  const one = (sql: string, extra: Record<string, unknown> = {}): bigint => {
    const v = db.prepare(sql).safeIntegers(true).pluck().get({ ...p, ...extra }) as bigint | null;
    return v ?? 0n;
  };
  const dOrg = "COALESCE(NULLIF(d.org_id, ''), c.org_id)";
  const lOrg = "COALESCE(NULLIF(l.org_id, ''), c.org_id)";
  const snap = (table: string, d: string) => db.prepare(`SELECT MAX(data_date) FROM ${table} WHERE data_date <= ?`).pluck().get(d) as string | null;

  const depTotal = (s: string | null) =>
    s === null ? 0n : one(`SELECT SUM(d.balance) FROM deposit d LEFT JOIN customer c ON c.cust_id = d.cust_id WHERE d.data_date = @s AND ${orgOk(dOrg)} AND ${staffOk('d.manager_id')}`, { s });
  const loanSum = (s: string | null, cond = '1') =>
    s === null ? 0n : one(`SELECT SUM(l.balance) FROM loan l LEFT JOIN customer c ON c.cust_id = l.cust_id WHERE l.data_date = @s AND (${cond}) AND ${orgOk(lOrg)} AND ${staffOk('l.manager_id')}`, { s });
  const cache = new Map<string, bigint>();
  const dayTotal = (table: 'deposit' | 'loan', d: string) => {
    const s = snap(table, d);
    const k = `${table}${s}`;
    if (!cache.has(k)) cache.set(k, table === 'deposit' ? depTotal(s) : loanSum(s));
    return cache.get(k)!;
  };
  const avg = (table: 'deposit' | 'loan', from: string) => {
    let sum = 0n;
    let n = 0n;
    for (let d = from; d <= date; d = addDays(d, 1)) {
      sum += dayTotal(table, d);
      n++;
    }
    return divRound(sum, n);
  };
  const month = date.slice(0, 8) + '01';
  const m = +date.slice(5, 7);
  const quarter = `${date.slice(0, 5)}${String(m - ((m - 1) % 3)).padStart(2, '0')}-01`;

  const depS = snap('deposit', date);
  const loanS = snap('loan', date);
  const dep = depTotal(depS);
  const avgM = avg('deposit', month);
  const loan = loanSum(loanS);
  const loanAvgM = avg('loan', month);
  const npl = loanSum(loanS, "l.class5 IN ('次级','可疑','损失')");
  const overdue = loanSum(loanS, 'l.overdue_days > 0');
  const bucket = (lo: number, hi: number) => yuan(loanSum(loanS, `l.overdue_days >= ${lo} AND l.overdue_days <= ${hi}`));
  const pye = snap('loan', `${+date.slice(0, 4) - 1}-12-31`);

  const sOrg = "COALESCE(NULLIF(s.org_id, ''), c.org_id)";
  const ima = one(
    `SELECT COUNT(DISTINCT s.cust_id) FROM signing s LEFT JOIN customer c ON c.cust_id = s.cust_id
      WHERE s.status = '有效' AND s.sign_date <= @date AND (s.cancel_date IS NULL OR s.cancel_date > @date)
        AND s.biz_type IN ('手机银行','微信银行绑卡','微信支付绑卡','支付宝绑卡','云闪付绑卡','代发工资','代发养老金','水费代扣','电费代扣','社保代缴','医保代缴')
        AND s.last_used_date >= @from90 AND s.last_used_date <= @date AND ${orgOk(sOrg)} AND ${staffOk('s.staff_id')}`,
    { from90: addDays(date, -89) },
  );

  const mOrg = "COALESCE(NULLIF(m.org_id, ''), c.org_id)";
  const mer = `FROM merchant m LEFT JOIN customer c ON c.cust_id = m.owner_cust_id WHERE ${orgOk(mOrg)} AND ${staffOk('m.manager_id')}`;
  const live = "m.status = '正常' AND (m.sign_date IS NULL OR m.sign_date <= @date)";
  const txn = "t.merchant_id = m.merchant_id AND t.txn_time >= @month AND t.txn_time < @next AND (t.txn_type = '消费' OR t.txn_type IS NULL)";
  const tp = { month, next: addDays(date, 1) };
  const merchants = one(`SELECT COUNT(*) ${mer} AND ${live}`);
  const effective = one(`SELECT COUNT(*) ${mer} AND ${live} AND (SELECT COUNT(*) FROM acq_txn t WHERE ${txn}) >= 30 AND (SELECT COALESCE(SUM(t.amount), 0) FROM acq_txn t WHERE ${txn}) >= 300000`, tp);
  const hq = one(
    `SELECT COUNT(*) ${mer} AND ${live} AND (SELECT COUNT(DISTINCT substr(t.txn_time, 1, 10)) FROM acq_txn t WHERE ${txn}) >= 20
       AND (SELECT COUNT(*) FROM acq_txn t WHERE ${txn}) >= 100 AND (SELECT COUNT(DISTINCT t.payer) FROM acq_txn t WHERE ${txn}) >= 30`,
    tp,
  );
  const acqCount = one(`SELECT COUNT(*) FROM acq_txn t JOIN merchant m ON ${txn} LEFT JOIN customer c ON c.cust_id = m.owner_cust_id WHERE ${orgOk(mOrg)} AND ${staffOk('m.manager_id')}`, tp);
  const acqAmount = one(`SELECT SUM(t.amount) FROM acq_txn t JOIN merchant m ON ${txn} LEFT JOIN customer c ON c.cust_id = m.owner_cust_id WHERE ${orgOk(mOrg)} AND ${staffOk('m.manager_id')}`, tp);

  const kOrg = "COALESCE(NULLIF(k.org_id, ''), c.org_id)";
  const cards = `FROM card k LEFT JOIN customer c ON c.cust_id = k.cust_id WHERE k.card_type = '贷记卡' AND k.issue_date <= @date AND (k.status IS NULL OR k.status <> '销卡') AND ${orgOk(kOrg)} AND ${staffOk('k.manager_id')}`;
  const issued = one(`SELECT COUNT(*) ${cards}`);
  const activated = one(`SELECT COUNT(*) ${cards} AND k.activate_date <= @date`);
  const y12 = `${+date.slice(0, 4) - 1}${date.slice(4)}`;
  const asleep = one(
    `SELECT COUNT(*) ${cards} AND ((COALESCE(k.activate_date > @date, 1) AND k.issue_date < @d90)
        OR (k.activate_date <= @date AND (k.last_txn_date IS NULL OR k.last_txn_date < @y12)))`,
    { d90: addDays(date, -90), y12 },
  );

  const vOrg = `COALESCE((SELECT org_id FROM customer x WHERE x.cust_id = v.cust_id), (SELECT NULLIF(org_id, '') FROM grid g WHERE g.grid_id = v.grid_id), (SELECT org_id FROM staff s2 WHERE s2.staff_id = v.staff_id))`;
  const vis = `FROM visit v WHERE v.visit_time >= @month AND v.visit_time < @next AND ${orgOk(vOrg)} AND ${staffOk('v.staff_id')}`;
  const visits = one(`SELECT COUNT(*) ${vis}`, tp);
  const visited = one(`SELECT COUNT(DISTINCT v.cust_id) ${vis} AND v.cust_id <> ''`, tp);

  // the customers feature's own holdings (crm), independent of the indicator cells
  const hd = ensureHoldings(db, date);
  const cust = `FROM customer c JOIN customer_holding h ON h.cust_id = c.cust_id AND h.data_date = @hd WHERE (c.open_date IS NULL OR c.open_date <= @date) AND ${orgOk('c.org_id')} AND ${staffOk('c.manager_id')}`;
  const custN = one(`SELECT COUNT(*) ${cust}`, { hd });
  const itemsSum = one(`SELECT SUM(h.coverage) ${cust}`, { hd });

  return {
    deposit_balance: yuan(dep),
    deposit_avg_month: yuan(avgM),
    deposit_avg_quarter: yuan(avg('deposit', quarter)),
    deposit_avg_year: yuan(avg('deposit', date.slice(0, 5) + '01-01')),
    deposit_deviation: frac(dep - avgM, avgM),
    loan_balance: yuan(loan),
    loan_customers: Number(loanS === null ? 0n : one(`SELECT COUNT(DISTINCT l.cust_id) FROM loan l LEFT JOIN customer c ON c.cust_id = l.cust_id WHERE l.data_date = @s AND l.balance > 0 AND ${orgOk(lOrg)} AND ${staffOk('l.manager_id')}`, { s: loanS })),
    loan_balance_ytd_change: pye === null ? null : yuan(loan - loanSum(pye)),
    credit_loan_ratio: frac(loanSum(loanS, "l.guarantee = '信用'"), loan),
    inclusive_loan_balance: yuan(loanSum(loanS, 'l.is_inclusive = 1')),
    online_loan_balance: yuan(loanSum(loanS, 'l.is_online = 1')),
    npl_balance: yuan(npl),
    npl_ratio: frac(npl, loan),
    overdue_balance: yuan(overdue),
    overdue_ratio: frac(overdue, loan),
    overdue_buckets: { '1-30': bucket(1, 30), '31-60': bucket(31, 60), '61-90': bucket(61, 90), '91-180': bucket(91, 180), '181-360': bucket(181, 360), '>360': bucket(361, 1e9) },
    loan_deviation: frac(loan - loanAvgM, loanAvgM),
    loan_to_deposit_ratio: frac(loan, dep),
    intermediate_active_customers: Number(ima),
    merchants: Number(merchants),
    effective_merchants: Number(effective),
    high_quality_merchants: Number(hq),
    acq_txn_count: Number(acqCount),
    acq_txn_amount: yuan(acqAmount),
    credit_cards_issued: Number(issued),
    credit_card_activation_rate: frac(activated, issued),
    credit_card_sleep_rate: frac(asleep, issued),
    visits: Number(visits),
    visited_customers: Number(visited),
    avg_items_per_customer: frac(itemsSum, custN),
  };
}
