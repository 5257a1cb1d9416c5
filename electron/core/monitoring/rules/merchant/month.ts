// The 收单 transactions of a period, read in ONE pass and kept column-wise per merchant and month,
// so the five merchant rules of a run share it: a run costs one read of the period's rows, however
// many rules look at them (issue 10: linear in the month's rows, no query per merchant; see
// periodRows for how the rows are found). Kept per row, grouped per merchant and month in time
// order: rowid (to fetch the evidence rows later), day, second of the day, 分, payer (interned).
//
// The columns are cached per connection for the period and the database's state: PRAGMA
// data_version moves when another connection commits, total_changes() when this one writes, so a
// later run after any import reads afresh.
import type { Db } from '../../../db/connection.js';
import { customerJoin, rowOrgSql } from '../../../scope/index.js';
import { addDays, monthEnd } from '../../../../../shared/dates.js';
import { inService } from '../../../rules/in-service.js';
import { HIGH_QUALITY } from '../../../metrics/merchants.js';
import { EFFECTIVE } from '../../../indicators/families/merchant.js';
import type { AlertEffect, Evidence } from '../../../../../shared/monitoring.js';
import { fenToYuan } from '../../../../../shared/money.js';
import type { Finding, RunPeriod } from '../../rule.js';

export interface MerchantInfo {
  merchant_id: string;
  name: string;
  industry: string | null;
  owner_cust_id: string | null;
  settle_acct: string | null;
  manager_id: string | null;
  status: string | null;
  sign_date: string | null;
  org: string | null;
}

/** One merchant's rows of one month: [start, end) in the columns. */
export interface MerchantMonth {
  merchant: string;
  /** 'YYYY-MM' */
  month: string;
  info: MerchantInfo | undefined;
  start: number;
  end: number;
}

export interface MonthTxns {
  groups: MerchantMonth[];
  rowid: number[];
  day: number[];
  sec: number[];
  fen: number[];
  /** index into `payers`, -1 when the row names no payer */
  payer: number[];
  payers: string[];
}

/** the two digits at i of 'YYYY-MM-DD HH:MM:SS' (read by char code: a million rows a month) */
function two(s: string, i: number): number {
  return (s.charCodeAt(i) - 48) * 10 + s.charCodeAt(i + 1) - 48;
}

const cache = new WeakMap<Db, { key: string; data: MonthTxns }>();

function stateKey(db: Db, period: RunPeriod): string {
  const version = db.pragma('data_version', { simple: true }) as number;
  const changes = (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
  return `${period.from}|${period.to}|${version}|${changes}`;
}

export function readMerchants(db: Db): Map<string, MerchantInfo> {
  const rows = db
    .prepare(
      `SELECT m.merchant_id, m.name, m.industry, NULLIF(m.owner_cust_id, '') AS owner_cust_id, NULLIF(m.settle_acct, '') AS settle_acct,
              NULLIF(m.manager_id, '') AS manager_id, m.status, NULLIF(m.sign_date, '') AS sign_date, ${rowOrgSql('m', 'c')} AS org
         FROM merchant m ${customerJoin('merchant', 'm', 'c')}`,
    )
    .all() as MerchantInfo[];
  return new Map(rows.map((r) => [r.merchant_id, r]));
}

/** The period's 消费 transactions (or of no stated type, as the 高质量 figure counts them). */
const MERCHANTS = `WITH RECURSIVE ids(m) AS (
  SELECT (SELECT MIN(merchant_id) FROM acq_txn)
  UNION ALL
  SELECT (SELECT MIN(merchant_id) FROM acq_txn WHERE merchant_id > ids.m) FROM ids WHERE ids.m IS NOT NULL)`;
const SPENT = `(t.txn_type = '消费' OR t.txn_type IS NULL)`;

type Row = [number, string, string, number, string | null];

/**
 * The period's rows, read the cheaper of two ways, both linear in the period's rows rather than
 * the history. First the covering (merchant_id, txn_time) index gives the rowids the period's rows
 * lie between (a skip-scan: the distinct merchants by index seeks, then each one's time range; no
 * table row is touched). Rows imported month by month sit together, so a scan of that rowid range
 * reads them sequentially; when the range holds far more than the period (a month imported out of
 * order), each merchant's range is read through the index instead (random reads, still only the
 * period's rows).
 */
function periodRows(db: Db, from: string, to: string): Iterable<Row> {
  const span = db
    .prepare(`${MERCHANTS} SELECT MIN(t.rowid) AS lo, MAX(t.rowid) AS hi, COUNT(*) AS n FROM ids CROSS JOIN acq_txn t ON t.merchant_id = ids.m AND t.txn_time >= @from AND t.txn_time < @to`)
    .get({ from, to }) as { lo: number | null; hi: number | null; n: number };
  if (span.n === 0 || span.lo === null || span.hi === null) return [];
  if (span.hi - span.lo + 1 <= 2 * span.n) {
    return db
      .prepare(`SELECT t.rowid, t.merchant_id, t.txn_time, t.amount, t.payer FROM acq_txn t WHERE t.rowid BETWEEN @lo AND @hi AND t.txn_time >= @from AND t.txn_time < @to AND ${SPENT}`)
      .raw()
      .iterate({ lo: span.lo, hi: span.hi, from, to }) as Iterable<Row>;
  }
  return db
    .prepare(`${MERCHANTS} SELECT t.rowid, t.merchant_id, t.txn_time, t.amount, t.payer FROM ids CROSS JOIN acq_txn t ON t.merchant_id = ids.m AND t.txn_time >= @from AND t.txn_time < @to WHERE ${SPENT}`)
    .raw()
    .iterate({ from, to }) as Iterable<Row>;
}

export function monthTxns(db: Db, period: RunPeriod): MonthTxns {
  const key = stateKey(db, period);
  const hit = cache.get(db);
  if (hit && hit.key === key) return hit.data;
  const merchants = readMerchants(db);
  // First the rows as they come, as numbers only: each row's group (merchant × month) and its
  // payer as an index. Nothing of a row is kept but numbers, and a payer string only the first
  // time its group meets it: a month of the medium bank is a million rows, and keeping strings or
  // arrays per row made the garbage collector the larger part of the cost (8 µs a row, measured).
  const rowid: number[] = [];
  const at: number[] = [];
  const fen: number[] = [];
  const payer: number[] = [];
  const grp: number[] = [];
  const payers: string[] = [];
  const interned = new Map<string, number>();
  type G = { merchant: string; ym: number; month: string; n: number; sorted: boolean; last: number };
  const groups: G[] = [];
  const byMerchant = new Map<string, number[]>();
  for (const r of periodRows(db, period.from, addDays(period.to, 1))) {
    const merchant = r[1];
    const time = r[2];
    const who = r[4];
    const sec = two(time, 8) * 86_400 + two(time, 11) * 3600 + two(time, 14) * 60 + two(time, 17);
    const ym = (two(time, 0) * 100 + two(time, 2)) * 100 + two(time, 5);
    let list = byMerchant.get(merchant);
    if (!list) byMerchant.set(merchant, (list = []));
    let gi = -1;
    for (const k of list) if (groups[k].ym === ym) gi = k;
    if (gi < 0) {
      gi = groups.length;
      groups.push({ merchant, ym, month: time.slice(0, 7), n: 0, sorted: true, last: sec });
      list.push(gi);
    }
    const g = groups[gi];
    if (g.last > sec) g.sorted = false;
    g.last = sec;
    g.n++;
    let p = -1;
    if (who !== null && who !== '') {
      p = interned.get(who) ?? -1;
      if (p < 0) {
        p = payers.length;
        payers.push(who);
        interned.set(who, p);
      }
    }
    rowid.push(r[0]);
    at.push(sec);
    fen.push(r[3]);
    payer.push(p);
    grp.push(gi);
  }
  // then column by column in merchant, month, time order, so a group is a slice: a counting sort
  // by group keeps the read order inside each (time order for rows imported in time order; a group
  // read out of order is sorted on its own)
  const order = groups.map((_, k) => k).sort((x, y) => {
    const a = groups[x];
    const b = groups[y];
    return a.merchant < b.merchant ? -1 : a.merchant > b.merchant ? 1 : a.ym - b.ym;
  });
  const offset = new Array<number>(groups.length);
  const data: MonthTxns = { groups: [], rowid: [], day: [], sec: [], fen: [], payer: [], payers };
  let next = 0;
  for (const k of order) {
    offset[k] = next;
    const g = groups[k];
    data.groups.push({ merchant: g.merchant, month: g.month, info: merchants.get(g.merchant), start: next, end: next + g.n });
    next += g.n;
  }
  const place = new Int32Array(next);
  const fill = offset.slice();
  for (let i = 0; i < grp.length; i++) place[fill[grp[i]]++] = i;
  for (const k of order) {
    const g = groups[k];
    if (g.sorted) continue;
    const slice = Array.from(place.subarray(offset[k], offset[k] + g.n)).sort((a, b) => at[a] - at[b] || rowid[a] - rowid[b]);
    place.set(slice, offset[k]);
  }
  data.rowid = new Array<number>(next);
  data.day = new Array<number>(next);
  data.sec = new Array<number>(next);
  data.fen = new Array<number>(next);
  data.payer = new Array<number>(next);
  for (let j = 0; j < next; j++) {
    const i = place[j];
    data.rowid[j] = rowid[i];
    data.day[j] = Math.floor(at[i] / 86_400);
    data.sec[j] = at[i] % 86_400;
    data.fen[j] = fen[i];
    data.payer[j] = payer[i];
  }
  cache.set(db, { key, data });
  return data;
}

/** The last day of the group's month the period covers: the day its figures are judged on. */
export function judgeDay(g: MerchantMonth, period: RunPeriod): string {
  const end = monthEnd(`${g.month}-01`);
  return end < period.to ? end : period.to;
}

export interface MonthFigures {
  n: number;
  /** integer 分 (a sum of integers below 2^53 is exact) */
  fen: number;
  days: number;
  payers: number;
}

/** The month's figures of the 高质量/有效 tests, leaving out the rows `skip` says. */
export function figures(t: MonthTxns, g: MerchantMonth, skip?: (i: number) => boolean): MonthFigures {
  const days = new Set<number>();
  const payers = new Set<number>();
  let n = 0;
  let fen = 0;
  for (let i = g.start; i < g.end; i++) {
    if (skip?.(i)) continue;
    n++;
    fen += t.fen[i];
    days.add(t.day[i]);
    if (t.payer[i] >= 0) payers.add(t.payer[i]);
  }
  if (!Number.isSafeInteger(fen)) throw new RangeError(`收单金额合计超出安全整数范围: ${g.merchant}`);
  return { n, fen, days: days.size, payers: payers.size };
}

export function isHighQuality(f: MonthFigures): boolean {
  return f.days >= HIGH_QUALITY.activeDays && f.n >= HIGH_QUALITY.transactions && f.payers >= HIGH_QUALITY.payers;
}

function isEffective(f: MonthFigures): boolean {
  return f.n >= EFFECTIVE.transactions && BigInt(f.fen) >= EFFECTIVE.amountFen;
}

/**
 * What confirming the case takes out of the month's figures: the suspicious rows out of
 * 收单交易笔数/金额, and the merchant out of 高质量/有效商户数 when it counts there only thanks to
 * them (without them it would fall below a threshold).
 */
export function merchantEffects(
  t: MonthTxns,
  g: MerchantMonth,
  period: RunPeriod,
  suspicious: (i: number) => boolean,
  /** 'always': the case is that the 高质量 status itself was made (few payers, self-paid) */
  hq: 'always' | 'if_below' = 'if_below',
): AlertEffect[] {
  const from = `${g.month}-01`;
  const to = judgeDay(g, period);
  const base = { from, to, org_id: g.info?.org ?? null, staff_id: g.info?.manager_id ?? null };
  let n = 0;
  let fen = 0;
  for (let i = g.start; i < g.end; i++) {
    if (!suspicious(i)) continue;
    n++;
    fen += t.fen[i];
  }
  const out: AlertEffect[] = [];
  if (n === 0) return out;
  out.push({ ...base, key: 'acq_txn_count', value: n }, { ...base, key: 'acq_txn_amount', value: fenToYuan(fen) });
  if (g.info && inService.merchant(g.info, to)) {
    const all = figures(t, g);
    const rest = figures(t, g, suspicious);
    if (isHighQuality(all) && (hq === 'always' || !isHighQuality(rest))) out.push({ ...base, key: 'high_quality_merchants', value: 1 });
    if (isEffective(all) && !isEffective(rest)) out.push({ ...base, key: 'effective_merchants', value: 1 });
  }
  return out;
}

export function merchantEvidence(g: MerchantMonth, f: MonthFigures): Evidence {
  const m = g.info;
  return {
    kind: 'merchant',
    id: g.merchant,
    fields: {
      商户名称: m?.name ?? null,
      行业类别: m?.industry ?? null,
      法人客户号: m?.owner_cust_id ?? null,
      拓展客户经理号: m?.manager_id ?? null,
      所属机构号: m?.org ?? null,
      月份: g.month,
      活跃天数: f.days,
      交易笔数: f.n,
      付款人数: f.payers,
      交易金额: fenToYuan(f.fen),
    },
  };
}

/** The transactions behind a case, read by rowid (a handful per alert), in time order. */
export function txnEvidence(db: Db, rowids: number[], note?: (rowid: number) => string | null): Evidence[] {
  if (rowids.length === 0) return [];
  const rows = db
    .prepare(
      `SELECT rowid, txn_id, txn_time, amount, payer, pay_method, terminal_id FROM acq_txn
        WHERE rowid IN (SELECT value FROM json_each(?)) ORDER BY txn_time, txn_id`,
    )
    .all(JSON.stringify(rowids)) as { rowid: number; txn_id: string; txn_time: string; amount: number; payer: string | null; pay_method: string | null; terminal_id: string | null }[];
  return rows.map((r) => ({
    kind: 'txn' as const,
    id: r.txn_id,
    fields: {
      交易时间: r.txn_time,
      交易金额: fenToYuan(r.amount),
      付款方标识: r.payer,
      支付方式: r.pay_method,
      终端号: r.terminal_id,
      ...(note ? { 说明: note(r.rowid) } : {}),
    },
  }));
}

/** At most `max` of the rows, spread over the whole list (the first, the last, and evenly between). */
export function sample<T>(rows: T[], max: number): T[] {
  if (rows.length <= max) return rows;
  return Array.from({ length: max }, (_, k) => rows[Math.round((k * (rows.length - 1)) / (max - 1))]);
}

/** "商户 某某超市(898350…) 7月" */
export function merchantName(g: MerchantMonth): string {
  return `商户 ${g.info?.name ?? ''}(${g.merchant}) ${+g.month.slice(5, 7)}月`;
}

export function merchantFinding(
  rule: Finding['rule'],
  g: MerchantMonth,
  rest: Pick<Finding, 'score' | 'summary' | 'evidence' | 'effects'>,
): Finding {
  return { rule, subject: { type: 'merchant', id: g.merchant }, org_id: g.info?.org ?? null, staff_id: g.info?.manager_id ?? null, period: g.month, ...rest };
}

/** "7月3日 14:02:10" */
export function timeOf(t: MonthTxns, g: MerchantMonth, i: number): string {
  const s = t.sec[i];
  const hh = String(Math.floor(s / 3600)).padStart(2, '0');
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return `${+g.month.slice(5, 7)}月${t.day[i]}日 ${hh}:${mm}:${ss}`;
}
