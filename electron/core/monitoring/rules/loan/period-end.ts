// loan.period_end: a 借据 issued in the last days of a month (every quarter end is one) and repaid
// within days after it: the loan and its proceeds, parked as deposits, stand in the period-end
// figures and are gone when the next month starts.
//
// When it was repaid: the loan snapshots say it stood on its last snapshot and was gone (absent, or
// at 0) by the next. When the next one falls within `repay_days` of the month end, that is the
// proof. When it falls later (the demo bank's loan snapshots are monthly), the daily deposit
// snapshots are: the borrower's deposits rose by at least `left_share` of the amount between the
// day before issue and the month end (the proceeds parked), and fell by as much on a day within
// `repay_days` (the proceeds leaving to repay it). A 借据 still standing after `repay_days`, or
// whose next snapshot is not loaded yet, is no case (the loan issued on the 30th and kept).
//
// Cost: the loan rows of the snapshots from the first issue day to the first snapshot after the
// window (grouped per 借据), then the deposits of the few borrowers left (one query).
import { addDays, daysBetween } from '../../../../../shared/dates.js';
import { fenToYuan } from '../../../../../shared/money.js';
import type { Evidence } from '../../../../../shared/monitoring.js';
import { latestSnapshot } from '../../../rules/in-service.js';
import type { Finding, RuleContext, RuleDef, RuleParam } from '../../rule.js';
import { basisPoints, customerDeposits, dailySeries, depositSnapshots, md, monthEndsFor, paramOf, valueOn, wan, yuanToFenN } from '../deposit/common.js';
import { groupByLoan, loanEvidence, loanRows, loanSnapshots, standing, type LoanRow, type Standing } from './common.js';

const PARAMS: RuleParam[] = [
  { key: 'issue_days', zh: '月末发放天数', en: 'Last days of the month issued in', kind: 'days', min: 1, max: 15, default: 3 },
  { key: 'repay_days', zh: '次月结清天数', en: 'Days after the month end repaid within', kind: 'days', min: 1, max: 31, default: 10 },
  { key: 'left_share', zh: '存款停留/转出比例（占贷款金额）', en: 'Share of the amount parked and leaving as deposits', kind: 'ratio', min: 0.1, max: 1, default: 0.8 },
  { key: 'min_amount', zh: '最低贷款金额（元）', en: 'Minimum loan amount (yuan)', kind: 'yuan', min: 0, max: 1_000_000_000, default: 0 },
];

interface Case {
  loan: LoanRow;
  st: Standing;
  /** the day the proceeds left the borrower's deposits, when the deposits tell */
  leftOn: string | null;
  leftFen: bigint;
}

function run(ctx: RuleContext): Finding[] {
  const p = (k: string) => paramOf(ctx, PARAMS, k);
  const issueDays = p('issue_days');
  const repayDays = p('repay_days');
  const leftBp = basisPoints(p('left_share'));
  const minFen = yuanToFenN(p('min_amount'));
  const { db, period } = ctx;
  const latestDeposit = latestSnapshot(db, 'deposit', '9999-12-31');
  const out: Finding[] = [];

  for (const M of monthEndsFor(period.from, period.to, repayDays)) {
    const issueFrom = addDays(M, -(issueDays - 1));
    const endDay = addDays(M, repayDays);
    const { snaps, after } = loanSnapshots(db, issueFrom, endDay);
    const allSnaps = after ? [...snaps, after] : snaps;
    const rows = loanRows(db, issueFrom, after ?? endDay, 'l.issue_date BETWEEN @a AND @b AND l.amount >= @min', { a: issueFrom, b: M, min: minFen });
    const sure: Case[] = [];
    const maybe: { loan: LoanRow; st: Standing }[] = [];
    for (const list of groupByLoan(rows).values()) {
      const st = standing(list, allSnaps);
      if (!st || st.goneIn === null || st.lastStanding >= endDay) continue;
      if (st.goneIn <= endDay) sure.push({ loan: st.last, st, leftOn: null, leftFen: 0n });
      else maybe.push({ loan: st.last, st });
    }
    if (!sure.length && !maybe.length) continue;

    // the borrowers' deposits from the day before the first issue day to the end of the window
    const depFrom = addDays(issueFrom, -1);
    const depSnaps = depositSnapshots(db, depFrom, endDay);
    const custs = [...new Set([...sure, ...maybe].map((c) => c.loan.cust_id))];
    const dep = customerDeposits(db, custs, depSnaps);
    const leaving = (c: { loan: LoanRow; st: Standing }): { leftOn: string | null; leftFen: bigint; parked: boolean } => {
      const t = dep.totals.get(c.loan.cust_id);
      const need = c.loan.amount * leftBp; // × 10⁴
      const atM = valueOn(depSnaps, t, M);
      const parked = (atM - valueOn(depSnaps, t, addDays(c.loan.issue_date, -1))) * 10_000n >= need;
      const last = c.st.goneIn && c.st.goneIn < endDay ? c.st.goneIn : endDay;
      for (let d = addDays(M, 1); d <= last && (latestDeposit === null || d <= latestDeposit); d = addDays(d, 1)) {
        const drop = atM - valueOn(depSnaps, t, d);
        if (drop * 10_000n >= need) return { leftOn: d, leftFen: drop, parked };
      }
      return { leftOn: null, leftFen: 0n, parked };
    };
    const cases: Case[] = [];
    for (const c of sure) {
      const l = leaving(c);
      cases.push({ ...c, leftOn: l.parked ? l.leftOn : null, leftFen: l.parked ? l.leftFen : 0n });
    }
    for (const c of maybe) {
      const l = leaving(c);
      if (l.parked && l.leftOn) cases.push({ ...c, leftOn: l.leftOn, leftFen: l.leftFen });
    }

    for (const c of cases) {
      const { loan, st } = c;
      const repaidBy = c.leftOn ?? st.goneIn!;
      const daysAfter = daysBetween(M, repaidBy);
      const quarterEnd = ['03', '06', '09', '12'].includes(M.slice(5, 7));
      const who = loan.manager_id ? `客户经理 ${loan.manager_id} 经办的借据 ${loan.loan_no}` : `借据 ${loan.loan_no}`;
      const summary =
        `${who} ${quarterEnd ? '季末 ' : '月末 '}${md(loan.issue_date)} 发放 ${wan(loan.amount)} 万元，` +
        (c.leftOn ? `${md(c.leftOn)} 借款人存款转出 ${wan(c.leftFen)} 万元，` : '') +
        `${md(st.goneIn!)} 借据${c.leftOn ? '已' : ' 前已'}结清（上一时点 ${md(st.lastStanding)} 余额 ${wan(loan.balance)} 万元）`;
      const seriesTo = latestDeposit !== null && latestDeposit < endDay ? latestDeposit : endDay;
      const evidence: Evidence[] = [
        loanEvidence(loan, { first_seen: st.firstSeen, last_standing: st.lastStanding, gone_in: st.goneIn, proceeds_left_on: c.leftOn }),
        ...(dep.accounts.get(loan.cust_id) ?? []).map(
          (a): Evidence => ({
            kind: 'account',
            id: a.acct_no,
            fields: { cust_id: a.cust_id, kind: a.kind, org_id: a.org_id, manager_id: a.manager_id },
            series: dailySeries(depSnaps, dep.balances.get(a.acct_no), depFrom, seriesTo),
          }),
        ),
      ];
      out.push({
        rule: 'loan.period_end',
        subject: { type: 'loan', id: loan.loan_no },
        org_id: loan.org,
        staff_id: loan.manager_id,
        period: M.slice(0, 7),
        score: Math.max(50, Math.min(100, Math.round(100 - (50 * Math.max(0, daysAfter - 1)) / repayDays)) + (quarterEnd ? 5 : 0)),
        summary,
        evidence,
        // the loan counts in loan_balance on every day its snapshots stand for: from the first to the day before it is gone
        effects: [{ key: 'loan_balance', from: st.firstSeen, to: addDays(st.goneIn!, -1), org_id: loan.org, staff_id: loan.manager_id, value: fenToYuan(loan.balance) }],
      });
    }
  }
  return out;
}

export const PERIOD_END: RuleDef = {
  id: 'loan.period_end',
  zh: '月末放款、月初收回',
  en: 'Issued at the period end, repaid just after',
  explanation:
    '监测在月末、季末最后几天发放、次月初几天内即结清的贷款。这类贷款只为在考核时点抬高贷款余额（放款资金往往同时停在借款人存款账户，一并抬高存款），' +
    '时点一过即收回，虚增了贷款和存款业绩。借据快照能证明结清日期的，以快照为准；快照按月的，以借款人存款每日余额为证：放款后存款增加、' +
    '次月初在规定天数内又转出贷款金额的大部分。月末发放后持续存续的贷款不预警。确认后，该笔贷款在存续期间从贷款余额中剔除。',
  explanationEn:
    'Finds loans issued in the last days of a month or quarter and repaid within days after it. Such a loan only lifts the loan balance at the assessment date (its proceeds usually sit on the borrower’s deposit account meanwhile, lifting deposits too) and is gone once the date has passed. Where the loan snapshots show the repayment, they are the proof; where they are monthly, the borrower’s daily deposits are: they rose after the issue and most of the amount left within the days set after the month end. A loan issued at the month end and kept is not flagged. Once confirmed, the loan is taken out of the loan balance for the days it stood.',
  params: PARAMS,
  run,
};
