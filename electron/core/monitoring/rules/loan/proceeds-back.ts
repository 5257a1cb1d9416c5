// loan.proceeds_back (贷款资金回流): a 借据 issued in the period whose proceeds come straight back as
// the borrower's own deposits: within `days` days of the issue the borrower's deposits (all accounts)
// stand above the day before the issue by about the loan amount (between `share` and 2 − `share`
// times it). A loan is meant to be spent; proceeds that sit on the borrower's account inflate the
// deposits the bank and the manager report, at no cost to the borrower but interest.
//
// Cost: the loan rows of the period's snapshots with an issue date in the period (grouped per
// 借据), then the deposits of those borrowers only (one query), judged day by day in memory.
import { addDays } from '../../../../../shared/dates.js';
import { fenToYuan } from '../../../../../shared/money.js';
import type { Evidence } from '../../../../../shared/monitoring.js';
import { latestSnapshot } from '../../../rules/in-service.js';
import type { Finding, RuleContext, RuleDef, RuleParam } from '../../rule.js';
import { basisPoints, customerDeposits, dailySeries, depositSnapshots, md, paramOf, valueOn, wan, yuanToFenN } from '../deposit/common.js';
import { groupByLoan, loanEvidence, loanRows, loanSnapshots } from './common.js';

const PARAMS: RuleParam[] = [
  { key: 'days', zh: '放款后天数', en: 'Days after the issue', kind: 'days', min: 0, max: 30, default: 3 },
  { key: 'share', zh: '回流接近程度（存款增加额÷贷款金额的下限）', en: 'Closeness: deposit rise ÷ loan amount at least', kind: 'ratio', min: 0.1, max: 1, default: 0.8 },
  { key: 'min_amount', zh: '最低贷款金额（元）', en: 'Minimum loan amount (yuan)', kind: 'yuan', min: 0, max: 1_000_000_000, default: 50_000 },
];

function run(ctx: RuleContext): Finding[] {
  const p = (k: string) => paramOf(ctx, PARAMS, k);
  const days = p('days');
  const shareBp = basisPoints(p('share'));
  const minFen = yuanToFenN(p('min_amount'));
  const { db, period } = ctx;
  const latestDeposit = latestSnapshot(db, 'deposit', '9999-12-31');
  if (latestDeposit === null) return [];

  // every 借据 issued in the period that some loan snapshot holds (the first after the period included)
  const { after } = loanSnapshots(db, period.from, period.to);
  const rows = loanRows(db, period.from, after ?? period.to, 'l.issue_date BETWEEN @a AND @b AND l.amount >= @min', { a: period.from, b: period.to, min: minFen });
  const loans = [...groupByLoan(rows).values()].map((list) => list[0]);
  if (!loans.length) return [];

  const first = loans.reduce((m, l) => (l.issue_date < m ? l.issue_date : m), period.to);
  const depFrom = addDays(first, -1);
  const depTo = addDays(period.to, days) < latestDeposit ? addDays(period.to, days) : latestDeposit;
  const depSnaps = depositSnapshots(db, depFrom, depTo);
  const dep = customerDeposits(db, [...new Set(loans.map((l) => l.cust_id))], depSnaps);
  const out: Finding[] = [];

  // the balance before the issue is known only from a snapshot standing the day before it: a loan
  // issued before the first deposit snapshot loaded has no "before" (not 0), so it is not judged
  const firstDeposit = db.prepare('SELECT MIN(data_date) FROM deposit').pluck().get() as string;
  for (const loan of loans) {
    if (addDays(loan.issue_date, -1) < firstDeposit) continue;
    const t = dep.totals.get(loan.cust_id);
    const before = valueOn(depSnaps, t, addDays(loan.issue_date, -1));
    const lo = loan.amount * shareBp; // rise × 10⁴ must lie in [amount·share, amount·(2 − share)]
    const hi = loan.amount * (20_000n - shareBp);
    let backOn: string | null = null;
    let rise = 0n;
    for (let d = loan.issue_date; d <= addDays(loan.issue_date, days) && d <= latestDeposit; d = addDays(d, 1)) {
      const r = valueOn(depSnaps, t, d) - before;
      if (r * 10_000n >= lo && r * 10_000n <= hi) {
        backOn = d;
        rise = r;
        break;
      }
    }
    if (backOn === null) continue;
    // how long the proceeds stayed: until the rise is mostly gone again (within the days loaded)
    let goneOn: string | null = null;
    for (let d = addDays(backOn, 1); d <= latestDeposit && d <= depTo; d = addDays(d, 1)) {
      if ((valueOn(depSnaps, t, d) - before) * 10_000n < lo) {
        goneOn = d;
        break;
      }
    }
    // the account that took the money in, for the org and staff member the deposit effect belongs to
    const accounts = dep.accounts.get(loan.cust_id) ?? [];
    let top = accounts[0];
    let topRise = -1n;
    for (const a of accounts) {
      const b = dep.balances.get(a.acct_no);
      const r = valueOn(depSnaps, b, backOn) - valueOn(depSnaps, b, addDays(loan.issue_date, -1));
      if (r > topRise) (top = a), (topRise = r);
    }
    const who = loan.manager_id ? `客户经理 ${loan.manager_id} 经办的借据 ${loan.loan_no}` : `借据 ${loan.loan_no}`;
    const summary =
      `${who} ${md(loan.issue_date)} 发放 ${wan(loan.amount)} 万元，${md(backOn)} 借款人存款较放款前增加 ${wan(rise)} 万元` +
      (goneOn ? `，${md(goneOn)} 转出` : `，至 ${md(depTo)} 仍在账上`);
    const seriesTo = goneOn && addDays(goneOn, 2) < depTo ? addDays(goneOn, 2) : depTo;
    const evidence: Evidence[] = [
      loanEvidence(loan, { deposits_before: fenToYuan(before), back_on: backOn, deposit_rise: fenToYuan(rise), gone_on: goneOn }),
      ...accounts.map(
        (a): Evidence => ({
          kind: 'account',
          id: a.acct_no,
          fields: { cust_id: a.cust_id, kind: a.kind, org_id: a.org_id, manager_id: a.manager_id },
          series: dailySeries(depSnaps, dep.balances.get(a.acct_no), addDays(loan.issue_date, -1 - days), seriesTo),
        }),
      ),
    ];
    const parked = rise < loan.amount ? rise : loan.amount;
    // closer to the amount and sooner after the issue: stronger
    const closeness = 1 - Math.abs(Number(rise - loan.amount)) / Number(loan.amount);
    out.push({
      rule: 'loan.proceeds_back',
      subject: { type: 'loan', id: loan.loan_no },
      org_id: loan.org,
      staff_id: loan.manager_id,
      period: loan.issue_date.slice(0, 7),
      score: Math.max(50, Math.min(100, Math.round(50 + 50 * closeness))),
      summary,
      evidence,
      effects: top ? [{ key: 'deposit_balance', from: backOn, to: goneOn ? addDays(goneOn, -1) : depTo, org_id: top.org_id, staff_id: top.manager_id, value: fenToYuan(parked) }] : [],
    });
  }
  return out;
}

export const PROCEEDS_BACK: RuleDef = {
  id: 'loan.proceeds_back',
  zh: '贷款资金回流存款',
  en: 'Loan proceeds back as deposits',
  explanation:
    '监测放款后几天内借款人存款随即增加、增加额与贷款金额相当的贷款（贷款资金回流、以贷转存）。贷款本应用于借款人的生产经营或消费，' +
    '资金原样回到本人存款账户，说明贷款可能并无真实用途，只是为了同时抬高贷款和存款业绩。规则比较放款前一日与放款后规定天数内借款人全部存款的合计，' +
    '增加额在贷款金额的规定比例上下范围内的，产生预警。确认后，回流金额在停留期间从存款余额中剔除。',
  explanationEn:
    'Finds loans whose proceeds come straight back as the borrower’s own deposits: within the days set after the issue, the borrower’s deposits (all accounts) stand above the day before the issue by about the loan amount. A loan is meant to be spent; proceeds that sit on the borrower’s account suggest it had no real purpose beyond lifting both the loan and the deposit figures. A loan is flagged when the rise lies within the closeness set of its amount. Once confirmed, the amount that came back is taken out of the deposit balance for the days it stayed.',
  params: PARAMS,
  run,
};
