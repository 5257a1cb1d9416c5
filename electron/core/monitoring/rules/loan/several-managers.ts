// loan.several_managers: one customer whose current 借据 name several 经办客户经理. Each of them
// counts the customer among their 贷款户数 (DATA.md: a staff member covers the rows naming them), so
// one borrower is several managers' new customer; splitting one borrower's credit among managers
// also slips past the limits each one checks.
//
// Judged on the loan snapshot standing at each month end of the period (or its last day when the
// month is not over), if that snapshot lies in the month: one grouped pass over that snapshot.
import { addDays, monthEnd, monthStart } from '../../../../../shared/dates.js';
import type { Db } from '../../../db/connection.js';
import type { Finding, RuleContext, RuleDef, RuleParam, RunPeriod } from '../../rule.js';
import { md, paramOf, wan, yuanToFenN } from '../deposit/common.js';
import { latestLoanSnapshot, loanEvidence, loanRows, type LoanRow } from './common.js';

const PARAMS: RuleParam[] = [
  { key: 'min_managers', zh: '最少经办客户经理人数', en: 'Minimum number of managers', kind: 'count', min: 2, max: 20, default: 2 },
  { key: 'min_balance', zh: '计入的借据最低余额（元）', en: 'Minimum balance of a loan counted (yuan)', kind: 'yuan', min: 0, max: 1_000_000_000, default: 0 },
];

function judgedSnapshots(db: Db, period: RunPeriod): string[] {
  const out: string[] = [];
  for (let m = monthEnd(period.from); ; m = monthEnd(addDays(m, 1))) {
    const day = m < period.to ? m : period.to;
    const snap = latestLoanSnapshot(db, day);
    if (snap !== null && snap >= monthStart(day) && !out.includes(snap)) out.push(snap);
    if (m >= period.to) break;
  }
  return out;
}

function run(ctx: RuleContext): Finding[] {
  const minManagers = paramOf(ctx, PARAMS, 'min_managers');
  const minFen = yuanToFenN(paramOf(ctx, PARAMS, 'min_balance'));
  const { db, period } = ctx;
  const out: Finding[] = [];
  for (const day of judgedSnapshots(db, period)) {
    // a loan counts when it has a balance above the minimum (a 结清 row at 0 is no current loan)
    const custs = db
      .prepare(
        `SELECT cust_id FROM loan
          WHERE data_date = ? AND balance > 0 AND balance >= ? AND manager_id IS NOT NULL AND manager_id <> ''
          GROUP BY cust_id HAVING COUNT(DISTINCT manager_id) >= ?`,
      )
      .pluck()
      .all(day, minFen, minManagers) as string[];
    if (!custs.length) continue;
    const rows = loanRows(db, day, day, "l.cust_id IN (SELECT value FROM json_each(@custs)) AND l.balance > 0 AND l.balance >= @min AND l.manager_id <> ''", {
      custs: JSON.stringify(custs),
      min: minFen,
    });
    const byCust = new Map<string, LoanRow[]>();
    for (const r of rows) byCust.set(r.cust_id, [...(byCust.get(r.cust_id) ?? []), r]);
    for (const [cust, loans] of byCust) {
      const byManager = new Map<string, LoanRow[]>();
      for (const l of loans) byManager.set(l.manager_id!, [...(byManager.get(l.manager_id!) ?? []), l]);
      const managers = [...byManager.keys()].sort();
      const total = loans.reduce((s, l) => s + l.balance, 0n);
      // the customer's own 管户 manager keeps them; failing that, the manager with the most balance
      const sumOf = (m: string) => byManager.get(m)!.reduce((s, l) => s + l.balance, 0n);
      const keeper = loans[0].cust_manager && byManager.has(loans[0].cust_manager) ? loans[0].cust_manager : [...managers].sort((a, b) => (sumOf(b) > sumOf(a) ? 1 : sumOf(b) < sumOf(a) ? -1 : a < b ? -1 : 1))[0];
      const own = loans.find((l) => l.org !== null)?.org ?? null;
      const summary =
        `客户 ${cust} 的 ${loans.length} 笔贷款（余额共 ${wan(total)} 万元）由 ${managers.length} 名客户经理经办：` +
        managers.map((m) => `${m} ${byManager.get(m)!.length} 笔 ${wan(sumOf(m))} 万元`).join('，') +
        `（${md(day)} 借据）`;
      out.push({
        rule: 'loan.several_managers',
        subject: { type: 'customer', id: cust },
        org_id: byManager.get(keeper)![0].org ?? own,
        staff_id: keeper,
        period: day.slice(0, 7),
        score: Math.min(100, 50 + 25 * (managers.length - minManagers) + (managers.length > 2 ? 10 : 0)),
        summary,
        evidence: loans.map((l) => loanEvidence(l)),
        // each manager but the keeper counted this borrower in their 贷款户数 on the day judged
        effects: managers
          .filter((m) => m !== keeper)
          .map((m) => {
            const first = byManager.get(m)!.reduce((a, l) => (l.issue_date < a ? l.issue_date : a), day);
            return { key: 'loan_customers', from: first > monthStart(day) ? first : monthStart(day), to: day, org_id: byManager.get(m)![0].org, staff_id: m, value: 1 };
          }),
      });
    }
  }
  return out;
}

export const SEVERAL_MANAGERS: RuleDef = {
  id: 'loan.several_managers',
  zh: '一户多名客户经理经办',
  en: 'One borrower, several managers',
  explanation:
    '监测同一客户的多笔存续贷款分别由不同的经办客户经理发放。贷款户数按经办客户经理统计，一名客户被拆给几名客户经理，' +
    '每人都把他算作自己的贷款客户，虚增了个人贷款户数业绩；把一名客户的授信拆给多人经办，也可能绕开单人审批权限和集中度控制。' +
    '客户的管户客户经理（或余额最多的经办人）之外的其他经办人，确认后从其贷款户数中剔除该客户。',
  explanationEn:
    'Finds a customer whose current loans were handled by several account managers. Loan customers are counted per handling manager, so a borrower split among managers counts as each one’s customer and inflates their figures; splitting one customer’s credit among several managers can also slip past each one’s approval limits and concentration checks. Once confirmed, the customer is taken out of the loan customers of every handling manager other than the customer’s own manager (or, failing that, the one with the most balance).',
  params: PARAMS,
  run,
};
