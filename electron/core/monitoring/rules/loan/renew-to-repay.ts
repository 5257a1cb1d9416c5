// loan.renew_to_repay (借新还旧): a new 借据 issued in the period on the day (± `days_apart`) an
// overdue 借据 of the same customer is repaid, for about its size: the new loan pays the old one,
// so the overdue (often 不良) balance disappears from the figures while the debt is the same.
//
// When the old 借据 was repaid is known to the precision of the loan snapshots: after its last
// snapshot with a balance, by the next one where it is absent or at 0. The case holds when that
// span meets the new loan's issue day ± days_apart (with daily snapshots: the day itself; with the
// demo bank's monthly ones: the month). The old loan was overdue (逾期天数 ≥ min_overdue_days) on
// its last snapshot, and the new amount covers at least `cover` of its balance there.
//
// Cost: the 借据 issued in the period from the period's snapshots, then the loans of those
// customers only (index loan_cust).
import { addDays } from '../../../../../shared/dates.js';
import { fenToYuan } from '../../../../../shared/money.js';
import type { Finding, RuleContext, RuleDef, RuleParam } from '../../rule.js';
import { basisPoints, md, paramOf, wan } from '../deposit/common.js';
import { NPL_CLASSES } from '../../../indicators/families/loan.js';
import type { AlertEffect } from '../../../../../shared/monitoring.js';
import { groupByLoan, latestLoanSnapshot, loanEvidence, loanRows, loanRowsOfCustomers, loanSnapshots, standing, type LoanRow } from './common.js';

const PARAMS: RuleParam[] = [
  { key: 'days_apart', zh: '新旧借据相隔天数', en: 'Days between repayment and new issue', kind: 'days', min: 0, max: 31, default: 0 },
  { key: 'min_overdue_days', zh: '旧借据最低逾期天数', en: 'Minimum days overdue of the old loan', kind: 'days', min: 1, max: 3650, default: 1 },
  { key: 'cover', zh: '新贷款覆盖旧借据余额比例', en: 'New amount ÷ old balance at least', kind: 'ratio', min: 0.1, max: 2, default: 0.8 },
];

/**
 * What the renewal hid, put back while the new loan stands (from its issue to its last snapshot of
 * the period): the old balance counts again as 逾期, and as 不良 when the old loan was classed so
 * on its last snapshot. Negative values: 剔除 subtracts effects, so these add (exclusions.ts).
 */
function hidden(neu: LoanRow, old: LoanRow): AlertEffect[] {
  const base = { from: neu.issue_date, to: neu.data_date, org_id: neu.org, staff_id: neu.manager_id, value: -fenToYuan(old.balance) };
  const out: AlertEffect[] = [{ key: 'overdue_balance', ...base }];
  if (old.class5 !== null && NPL_CLASSES.includes(old.class5)) out.push({ key: 'npl_balance', ...base });
  return out;
}

function run(ctx: RuleContext): Finding[] {
  const p = (k: string) => paramOf(ctx, PARAMS, k);
  const apart = p('days_apart');
  const minOverdue = BigInt(p('min_overdue_days'));
  const coverBp = basisPoints(p('cover'));
  const { db, period } = ctx;

  const { after } = loanSnapshots(db, period.from, period.to);
  const news = [...groupByLoan(loanRows(db, period.from, after ?? period.to, 'l.issue_date BETWEEN @a AND @b', { a: period.from, b: period.to })).values()].map((l) => l[l.length - 1]);
  if (!news.length) return [];

  // the customers' loans from the snapshot standing before the period to the first after it
  const spanFrom = latestLoanSnapshot(db, addDays(period.from, -(apart + 1))) ?? period.from;
  const spanTo = loanSnapshots(db, period.from, addDays(period.to, apart)).after ?? addDays(period.to, apart);
  const { snaps, after: beyond } = loanSnapshots(db, spanFrom, spanTo);
  const allSnaps = beyond ? [...snaps, beyond] : snaps;
  const byLoan = groupByLoan(loanRowsOfCustomers(db, [...new Set(news.map((l) => l.cust_id))], spanFrom, beyond ?? spanTo));
  const byCust = new Map<string, ReturnType<typeof standing>[]>();
  for (const list of byLoan.values()) {
    const st = standing(list, allSnaps);
    if (!st || st.goneIn === null) continue; // never on the books, or not repaid as far as the data goes
    const l = byCust.get(st.last.cust_id) ?? [];
    l.push(st);
    byCust.set(st.last.cust_id, l);
  }

  const out: Finding[] = [];
  for (const neu of news) {
    const lo = addDays(neu.issue_date, -apart);
    const hi = addDays(neu.issue_date, apart);
    const olds = (byCust.get(neu.cust_id) ?? []).filter(
      (o) =>
        o !== null &&
        o.last.loan_no !== neu.loan_no &&
        o.last.issue_date < neu.issue_date &&
        (o.last.overdue_days ?? 0n) >= minOverdue &&
        o.lastStanding < hi && // stood until before the window's last day …
        o.goneIn! >= lo && // … and was gone by a snapshot on or after its first
        neu.amount * 10_000n >= o.last.balance * coverBp,
    );
    if (!olds.length) continue;
    const old = olds.sort((a, b) => (a!.last.balance > b!.last.balance ? -1 : 1))[0]!;
    const who = neu.manager_id ? `客户经理 ${neu.manager_id} 经办的新借据 ${neu.loan_no}` : `新借据 ${neu.loan_no}`;
    const repaid = old.goneIn === addDays(old.lastStanding, 1) ? md(old.goneIn!) : `${md(addDays(old.lastStanding, 1))}–${md(old.goneIn!)} 间`;
    const summary =
      `${who} ${md(neu.issue_date)} 发放 ${wan(neu.amount)} 万元；同一客户逾期 ${old.last.overdue_days} 天的借据 ${old.last.loan_no}（余额 ${wan(old.last.balance)} 万元）${repaid}结清`;
    out.push({
      rule: 'loan.renew_to_repay',
      subject: { type: 'loan', id: neu.loan_no },
      org_id: neu.org,
      staff_id: neu.manager_id,
      period: neu.issue_date.slice(0, 7),
      // the longer overdue, the stronger: 50 at a day, 100 from 90 days (不良 territory) on
      score: Math.min(100, 50 + Math.round((50 * Math.min(Number(old.last.overdue_days ?? 0n), 90)) / 90)),
      summary,
      evidence: [
        loanEvidence(neu, { role: 'new' }),
        loanEvidence(old.last, { role: 'old', last_standing: old.lastStanding, gone_in: old.goneIn }),
      ],
      effects: hidden(neu, old.last),
    });
  }
  return out;
}

export const RENEW_TO_REPAY: RuleDef = {
  id: 'loan.renew_to_repay',
  zh: '借新还旧',
  en: 'New loan to repay an overdue one',
  explanation:
    '监测同一客户在逾期借据结清的当天（或规定天数内）又发放一笔金额相当的新贷款（借新还旧）。新贷款用于归还逾期贷款，逾期、不良余额随之“消失”，' +
    '而客户的债务和风险并未改变，掩盖了真实的资产质量，也虚增了新发放贷款业绩。借据按月快照时，旧借据的结清日期只能确定到两次快照之间，' +
    '规则以该区间与新贷款发放日是否重合来判断。确认后，旧借据的余额在新贷款存续期间计回逾期贷款（旧借据为次级、可疑或损失类的，同时计回不良贷款），逾期率、不良率随之上升。',
  explanationEn:
    'Finds a new loan issued to a customer on the day (or within the days set) an overdue loan of the same customer is repaid, for about its size ("renewing to repay"). The new loan pays the old one, so the overdue or non-performing balance disappears while the debt and the risk stay, hiding the true asset quality and inflating new lending. With monthly loan snapshots the old loan’s repayment is known only between two snapshots, and the rule checks whether that span meets the new loan’s issue day. Once confirmed, the old loan’s balance counts again as overdue while the new loan stands (and as non-performing when the old loan was classed substandard, doubtful or loss), so the overdue and NPL ratios rise accordingly.',
  params: PARAMS,
  run,
};
