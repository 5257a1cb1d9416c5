// deposit.window_dressing (冲时点): an account whose balance at a month end (every quarter end is
// one) is far above its own average of the days before, and whose extra money is gone within the
// first days of the next month.
//
// How, for each month end M whose case touches the run's period (M itself, or its leave days):
// 1. The accounts whose balance on M is at least (1 + ratio) × their average of the avgDays days
//    before the window and above it by at least minAmount (integer 分 × days, exact). The excess is
//    at most the balance, so only the month end's balances ≥ minAmount are read further (by key).
// 2. For those few accounts only: the daily balances of [avg start, M + leaveDays] (one query). The
//    money has left on the first day after M whose balance is back within (1 − leftShare) of the
//    excess over the average. Money still there on M + leaveDays stayed: no case (the quarter-end
//    deposit that stays). When the data does not reach M + leaveDays yet and the money has not left
//    on the days loaded, the case is raised as not yet confirmed, with a lower score.
//    Only accounts already held when the average began are judged (a new account has no own average).
// 3. A spike the customer's own loan explains (a loan of the customer issued since the average's
//    first day, of at least half the excess) is left to loan.period_end / loan.proceeds_back, which
//    take the loan's and the parked proceeds' share out of the figures; reporting it here as well
//    would take the same money out of deposit_balance twice.
import { addDays } from '../../../../../shared/dates.js';
import { divRound, fenToYuan } from '../../../../../shared/money.js';
import { maskCustomerName } from '../../../../../shared/masking.js';
import type { Evidence } from '../../../../../shared/monitoring.js';
import { dayWeights } from '../../../indicators/snapshots.js';
import { latestSnapshot } from '../../../rules/in-service.js';
import type { Finding, RuleContext, RuleDef, RuleParam } from '../../rule.js';
import { accountBalances, basisPoints, dailySeries, depositSnapshots, md, mdRange, monthEndsFor, paramOf, scoreOver, snapOn, valueOn, wan, yuanToFenN } from './common.js';

const PARAMS: RuleParam[] = [
  { key: 'window_days', zh: '期末天数', en: 'Days at the period end', kind: 'days', min: 1, max: 10, default: 3 },
  { key: 'avg_days', zh: '比较日均的天数', en: 'Days of the average compared with', kind: 'days', min: 5, max: 60, default: 20 },
  { key: 'ratio', zh: '超出日均的倍数（超出额÷日均）', en: 'Excess over the average, in times the average', kind: 'ratio', min: 0.1, max: 100, default: 2 },
  { key: 'min_amount', zh: '最低冲高金额（元）', en: 'Minimum excess (yuan)', kind: 'yuan', min: 0, max: 1_000_000_000, default: 100_000 },
  { key: 'leave_days', zh: '次月转出天数', en: 'Days to leave in the next month', kind: 'days', min: 1, max: 15, default: 5 },
  { key: 'left_share', zh: '转出比例（占冲高金额）', en: 'Share of the excess that left', kind: 'ratio', min: 0.1, max: 1, default: 0.8 },
];

const TERM_KINDS = new Set(['定期', '大额存单']);

interface Candidate {
  acct: string;
  cust: string;
  kind: string | null;
  org: string | null;
  staff: string | null;
  name: string | null;
  custType: string | null;
  balM: bigint;
  /** Σ of the daily balances over the average's days (分·days) */
  avgSum: bigint;
}

function run(ctx: RuleContext): Finding[] {
  const p = (k: string) => paramOf(ctx, PARAMS, k);
  const windowDays = p('window_days');
  const avgDays = p('avg_days');
  const ratioBp = basisPoints(p('ratio'));
  const minFen = yuanToFenN(p('min_amount'));
  const leaveDays = p('leave_days');
  const leftBp = basisPoints(p('left_share'));
  const { db, period } = ctx;
  const latest = latestSnapshot(db, 'deposit', '9999-12-31');
  if (latest === null) return [];
  const out: Finding[] = [];

  for (const M of monthEndsFor(period.from, period.to, leaveDays)) {
    const winStart = addDays(M, -(windowDays - 1));
    const avgEnd = addDays(winStart, -1);
    const avgStart = addDays(avgEnd, -(avgDays - 1));
    const leaveEnd = addDays(M, leaveDays);
    const snaps = depositSnapshots(db, avgStart, leaveEnd);
    const snapM = snapOn(snaps, M);
    // nothing new at the month end: the window holds no snapshot of its own
    if (snapM === null || snapM < winStart) continue;
    const weights = dayWeights(snaps, avgStart, avgEnd);
    const days = BigInt(avgDays);
    // the excess is at most the month-end balance, so only balances of at least minAmount can be a
    // case: their averages are read by key (data_date, acct_no), the rest of the bank is never summed
    const high = db
      .prepare('SELECT acct_no, balance FROM deposit WHERE data_date = ? AND balance >= ? AND balance > 0')
      .raw(true)
      .safeIntegers(true)
      .all(snapM, minFen) as [string, bigint][];
    const avgSums = new Map<string, bigint>();
    const weightOf = new Map(weights.map((w) => [w.snap, BigInt(w.days)]));
    // an account judged against "its own average" must have been there when the average began: a
    // new account has no history to be far above (and opening one is not this pattern)
    const firstSnap = weights.length && weights[0].snap <= avgStart ? weights[0].snap : null;
    const present = new Set<string>();
    for (const [acct, snap, fen] of db
      .prepare(
        `SELECT acct_no, data_date, balance FROM deposit
          WHERE data_date IN (SELECT value FROM json_each(?)) AND acct_no IN (SELECT value FROM json_each(?))`,
      )
      .raw(true)
      .safeIntegers(true)
      .iterate(JSON.stringify([...weightOf.keys()]), JSON.stringify(high.map((h) => h[0]))) as Iterable<[string, string, bigint]>)
    {
      avgSums.set(acct, (avgSums.get(acct) ?? 0n) + fen * weightOf.get(snap)!);
      if (snap === firstSnap) present.add(acct);
    }
    // balance ≥ (1 + ratio) × average and balance − average ≥ minAmount, both × days (exact)
    const candidates = high
      .filter(([acct]) => present.has(acct))
      .map(([acct, balM]) => ({ acct, balM, avgSum: avgSums.get(acct) ?? 0n }))
      .filter((c) => c.balM * days * 10_000n >= (10_000n + ratioBp) * c.avgSum && c.balM * days - c.avgSum >= minFen * days);
    if (!candidates.length) continue;

    // who the accounts are on M (row org: the account's own, else its customer's)
    const info = new Map(
      (
        db
          .prepare(
            `SELECT d.acct_no AS acct, d.cust_id AS cust, d.kind, COALESCE(NULLIF(d.org_id, ''), c.org_id) AS org, d.manager_id AS staff, c.name, c.cust_type AS custType
               FROM deposit d LEFT JOIN customer c ON c.cust_id = d.cust_id
              WHERE d.data_date = ? AND d.acct_no IN (SELECT value FROM json_each(?))`,
          )
          .all(snapM, JSON.stringify(candidates.map((c) => c.acct))) as Omit<Candidate, 'balM' | 'avgSum'>[]
      ).map((r) => [r.acct, r]),
    );
    const list: Candidate[] = candidates.map((c) => ({ ...info.get(c.acct)!, balM: c.balM, avgSum: c.avgSum }));

    // loans of the same customers issued since the average began (their proceeds explain a spike)
    const loans = new Map<string, bigint>();
    for (const r of db
      .prepare(
        `SELECT cust_id, MAX(amount) AS amount FROM loan
          WHERE cust_id IN (SELECT value FROM json_each(?)) AND issue_date BETWEEN ? AND ? GROUP BY cust_id`,
      )
      .safeIntegers(true)
      .all(JSON.stringify([...new Set(list.map((c) => c.cust))]), avgStart, M) as { cust_id: string; amount: bigint }[])
      loans.set(r.cust_id, r.amount);

    const balances = accountBalances(db, list.map((c) => c.acct), snaps);
    const seenTo = latest < leaveEnd ? latest : leaveEnd;
    for (const c of list) {
      const excessDays = c.balM * days - c.avgSum; // excess × days
      const loan = loans.get(c.cust);
      if (loan !== undefined && loan * 2n * days >= excessDays) continue;
      const b = balances.get(c.acct);
      // left: back within (1 − leftShare) of the excess, i.e. value·days·10⁴ ≤ avgSum·10⁴ + (10⁴ − leftBp)·excess·days
      const backBar = c.avgSum * 10_000n + (10_000n - leftBp) * excessDays;
      let leftOn: string | null = null;
      for (let d = addDays(M, 1); d <= seenTo; d = addDays(d, 1)) {
        if (valueOn(snaps, b, d) * days * 10_000n <= backBar) {
          leftOn = d;
          break;
        }
      }
      const confirmed = leftOn !== null;
      if (!confirmed && latest >= leaveEnd) continue; // it stayed
      // not seen leaving yet: a term deposit (定期, 大额存单) is expected to stay, so only the
      // accounts money can leave at will are raised before the next month is loaded
      if (!confirmed && TERM_KINDS.has(c.kind ?? '')) continue;
      // the dressed days: from the first day of the window the balance stood above half the excess
      const halfBar = c.avgSum * 2n + excessDays; // value·days·2 ≥ 2·avgSum + excess·days
      let from = M;
      for (let d = M; d >= winStart && valueOn(snaps, b, d) * days * 2n >= halfBar; d = addDays(d, -1)) from = d;
      const to = leftOn ? addDays(leftOn, -1) : seenTo;
      const avg = divRound(c.avgSum, days);
      const excess = divRound(excessDays, days);
      const leftFen = leftOn ? c.balM - valueOn(snaps, b, leftOn) : 0n;
      const times = avg > 0n ? Number(c.balM) / Number(avg) : Infinity;
      const quarterEnd = ['03', '06', '09', '12'].includes(M.slice(5, 7));
      const who = c.staff ? `客户经理 ${c.staff} 的账户 ${c.acct}` : `账户 ${c.acct}`;
      const avgText = avg > 0n ? `，为前 ${avgDays} 日日均 ${wan(avg)} 万元的 ${times >= 10 ? Math.round(times) : Math.round(times * 10) / 10} 倍` : `，前 ${avgDays} 日日均为 0`;
      const summary =
        `${who} ${mdRange(from, M)}${quarterEnd ? '（季末）' : ''} 余额 ${wan(c.balM)} 万元${avgText}，` +
        (confirmed ? `${md(leftOn!)} 转出 ${wan(leftFen)} 万元` : `次月初数据尚未导入（至 ${md(seenTo)} 未见转出），待核实`);
      const evidence: Evidence[] = [
        {
          kind: 'account',
          id: c.acct,
          fields: {
            cust_id: c.cust,
            cust_name: maskCustomerName(c.name, c.custType),
            kind: c.kind,
            org_id: c.org,
            manager_id: c.staff,
            month_end: M,
            balance_month_end: fenToYuan(c.balM),
            avg_before: fenToYuan(avg),
            avg_from: avgStart,
            avg_to: avgEnd,
            excess: fenToYuan(excess),
            left_on: leftOn,
            left_amount: leftOn ? fenToYuan(leftFen) : null,
          },
          series: dailySeries(snaps, b, avgStart, seenTo),
        },
      ];
      // a case not yet confirmed scores at most 60: the next days may show the money staying
      const strength = scoreOver(times / (1 + p('ratio')), 5);
      out.push({
        rule: 'deposit.window_dressing',
        subject: { type: 'account', id: c.acct },
        org_id: c.org,
        staff_id: c.staff,
        period: M.slice(0, 7),
        score: confirmed ? Math.min(100, strength + (quarterEnd ? 10 : 0)) : Math.min(60, strength),
        summary,
        evidence,
        effects: [{ key: 'deposit_balance', from, to, org_id: c.org, staff_id: c.staff, value: fenToYuan(excess) }],
      });
    }
  }
  return out;
}

export const WINDOW_DRESSING: RuleDef = {
  id: 'deposit.window_dressing',
  zh: '冲时点存款',
  en: 'Period-end window dressing',
  explanation:
    '监测月末、季末最后几天余额远高于本账户此前日均、而在次月初几天内又被转走的存款账户（冲时点）。考核和监管报表多按月末、季末时点余额计算，' +
    '临时拉来的存款只在时点停留几天，虚增了时点余额和客户经理的存款业绩，却不是银行稳定的资金来源。规则比较账户期末余额与期末前若干日的日均，' +
    '高出倍数和金额都超过参数且次月初在规定天数内转出大部分的，产生预警；次月数据尚未导入时先以待核实提示。款项来自本人新发放贷款的，由贷款类规则预警。',
  explanationEn:
    'Finds deposit accounts whose balance in the last days of a month or quarter is far above their own average of the days before and that lose the extra money within the first days of the next month. Assessment and regulatory figures read period-end balances, so money brought in for a few days inflates them and the manager’s results without being a stable source of funds. An account is flagged when its month-end balance exceeds its earlier average by both the ratio and the amount set, and most of the excess leaves within the days set; while the next month is not loaded yet the case is raised as unconfirmed. Spikes that are the customer’s own new loan are left to the loan rules.',
  params: PARAMS,
  run,
};
