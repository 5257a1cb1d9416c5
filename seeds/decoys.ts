// Monitoring cases added to the planted ones, and DECOYS: legitimate look-alikes a rule must leave
// alone (issue 10), labelled `decoy: true` with that rule. Each draws from a stream of its own and
// runs after the draws of its dataset, so the rows and cases the other streams make stay as they
// were. Kept few and deterministic: one of each. (The merchant ones are in acq-extras.ts.)

import type { Account } from './deposits.js';
import { addDays, daysBetween, monthEnd, monthStart } from './dates.js';
import { creditCardNo, type CardPlan } from './cards.js';
import { makeLoan, PRODUCTS, type Loan } from './loans.js';
import type { Bank, Customer, Staff } from './model.js';
import { Rng } from './rng.js';
import { yuan } from './writers.js';

const month = (day: string) => day.slice(0, 7);

/** the staff ids named by the labels already planted: a decoy never shares a planted case's person */
export function plantedPeople(bank: Bank): Set<string> {
  const out = new Set<string>();
  for (const l of bank.labels) for (const k of ['manager_id', 'staff_id'] as const) if (typeof l.keys[k] === 'string') out.add(l.keys[k] as string);
  return out;
}

function allManagers(bank: Bank): Staff[] {
  return [...bank.managersByBranch.values()].flat();
}

/**
 * deposit.window_dressing decoy: money in over the previous month end (a quarter end for a July
 * bank) that STAYS: far above the account's average like a spike, but still there when the next
 * month's first days are over, and through the month of endDate.
 */
export function plantDepositDecoy(bank: Bank, accounts: Account[], firstCurrent: Map<number, Account>): void {
  const rng = new Rng(bank.seed, 'deposit-decoy');
  const prevEnd = monthEnd(bank.endDate, -1);
  const busy = plantedPeople(bank);
  const withEffects = new Set(bank.depositEffects.map((e) => e.custSeq));
  const pool = accounts.filter(
    (a) => firstCurrent.get(a.cust.seq) === a && !a.effects.length && !withEffects.has(a.cust.seq) && !busy.has(a.managerId) && a.base < 3_000_000 && a.open < addDays(prevEnd, -40),
  );
  if (!pool.length) return;
  const a = rng.pick(pool);
  const amount = rng.int(15, 25) * 1_000_000; // 15–25 万元: over 10 万 and over 5 times a balance under 3 万
  const from = addDays(prevEnd, -2);
  a.effects.push({ custSeq: a.cust.seq, amountFen: amount, from, until: addDays(bank.endDate, 365) });
  bank.labels.push({
    model: 'deposit', kind: 'period_end_deposit_stays',
    keys: { acct_no: a.no, cust_id: a.cust.id, manager_id: a.managerId, from, amount_fen: amount },
    note: `${from}起存入${yuan(amount)}元，远高于此前日均，但此后一直留存（正常存款，非冲时点）`,
    rule: 'deposit.window_dressing', subjects: [{ type: 'account', id: a.no, period: month(prevEnd) }], decoy: true,
  });
}

/**
 * Loans, after the steering of the loan generator:
 * - a case of loan.proceeds_back in the month of endDate: a loan issued mid-month and kept, whose
 *   proceeds sit on the borrower's current account to the month end (labelled once they land);
 * - decoy of loan.period_end: a loan issued on the previous month end and kept;
 * - decoy of loan.several_managers: a customer whose two loans share one manager (not the
 *   customer's own 管户 manager, so a rule comparing with the customer's manager would be wrong).
 */
export function plantLoanCases(bank: Bank, rng: Rng, loans: Loan[]): void {
  const borrowers = new Set(loans.map((l) => l.cust.seq));
  const busy = plantedPeople(bank);
  const pool = rng.shuffle(bank.customers.filter((c) => c.type !== '个人' && !borrowers.has(c.seq) && !busy.has(c.managerId)));
  let seq = 9_000_000;
  const loan = (c: Customer, issue: string, amount: number): Loan => {
    const l = makeLoan(bank, rng, c, c.type === '个人' ? PRODUCTS.jy : PRODUCTS.hs, ++seq);
    Object.assign(l, { issue, maturity: addDays(issue, 365), amount, bullet: true, planted: true, overdue: 0, watch: false, repaidOn: '' });
    l.no = `JJ${issue.slice(0, 4)}${c.branchId.slice(2, 3)}${seq}`;
    loans.push(l);
    return l;
  };
  const [keptCust, oneManagerCust] = pool;
  // a person's 经营贷: their current account is small, so the parked proceeds stand out of its
  // day-to-day swings (a business account of a million swings by more than the loan)
  const backCust = rng.shuffle(bank.customers.filter((c) => c.type === '个人' && !borrowers.has(c.seq) && !busy.has(c.managerId)))[0];
  const end = bank.endDate;
  if (backCust) {
    const issue = addDays(monthStart(end), Math.min(rng.int(7, 14), daysBetween(monthStart(end), end)));
    const l = loan(backCust, issue, rng.int(20, 40) * 1_000_000);
    bank.depositEffects.push({
      custSeq: backCust.seq, amountFen: l.amount, from: issue, until: addDays(end, 365),
      label: {
        model: 'loan', kind: 'proceeds_parked', keys: { loan_no: l.no, cust_id: backCust.id, manager_id: l.managerId, issue_date: issue },
        note: `${issue}发放${yuan(l.amount)}元，放款当日全额回流到借款人活期账户并留存至月末（贷款资金回流虚增存款）`,
        rule: 'loan.proceeds_back', subjects: [{ type: 'loan', id: l.no, period: month(issue) }],
      },
    });
  }
  if (keptCust) {
    const issue = monthEnd(end, -1);
    const l = loan(keptCust, issue, rng.int(30, 150) * 1_000_000);
    bank.labels.push({
      model: 'loan', kind: 'period_end_issue_kept', keys: { loan_no: l.no, cust_id: keptCust.id, manager_id: l.managerId, issue_date: issue },
      note: `月末${issue}发放${yuan(l.amount)}元，此后正常存续（非月末冲量）`,
      rule: 'loan.period_end', subjects: [{ type: 'loan', id: l.no, period: month(issue) }], decoy: true,
    });
  }
  if (oneManagerCust) {
    const other = bank.managersByBranch.get(oneManagerCust.branchId)!.find((m) => m.id !== oneManagerCust.managerId && !busy.has(m.id));
    if (other) {
      const nos: string[] = [];
      for (const back of [rng.int(100, 300), rng.int(10, 90)]) {
        const l = loan(oneManagerCust, addDays(end, -back), rng.int(10, 50) * 1_000_000);
        l.managerId = other.id;
        l.orgId = other.orgId;
        nos.push(l.no);
      }
      bank.labels.push({
        model: 'loan', kind: 'two_loans_one_manager', keys: { cust_id: oneManagerCust.id, manager_id: other.id, loan_nos: nos },
        note: `同一客户的两笔贷款由同一客户经理${other.id}经办（非其管户客户经理，属正常分工）`,
        rule: 'loan.several_managers', subjects: [{ type: 'customer', id: oneManagerCust.id, period: month(end) }], decoy: true,
      });
    }
  }
}

/**
 * Cards, after planCards:
 * - decoy of card.shared_contact: two 贷记卡 holders of one family sharing a phone and an address;
 * - decoy of card.bulk_issue: a manager's day of 12 new 贷记卡, every one activated and in use.
 */
export function plantCardDecoys(bank: Bank, rng: Rng, plan: CardPlan): void {
  const end = bank.endDate;
  const busy = plantedPeople(bank);
  const planted = new Set(bank.labels.flatMap((l) => (Array.isArray(l.keys.cust_ids) ? l.keys.cust_ids : [])));
  const phones = new Map<string, number>();
  for (const c of bank.customers) phones.set(c.phone, (phones.get(c.phone) ?? 0) + 1);
  const holders = rng.shuffle(
    bank.customers.filter((c) => c.type === '个人' && plan.creditCount[c.seq] && !plan.credit.has(c.seq) && !planted.has(c.id) && c.phone.length === 11 && phones.get(c.phone) === 1),
  );
  const family: Customer[] = [];
  for (const c of holders) {
    if (!family.length || (c.branchId === family[0].branchId && c.id !== family[0].id)) family.push(c);
    if (family.length === 2) break;
  }
  if (family.length === 2) {
    const [a, b] = family;
    b.phone = a.phone;
    b.address = a.address;
    bank.labels.push({
      model: 'credit_card', kind: 'family_shared_phone', keys: { phone: a.phone, cust_ids: [a.id, b.id] },
      note: '两名贷记卡持卡人为一家人，预留同一手机号码和地址（正常情形）',
      rule: 'card.shared_contact', subjects: family.map((c) => ({ type: 'customer', id: c.id, period: end.slice(0, 7) })), decoy: true,
    });
  }
  const m = rng.shuffle(allManagers(bank).filter((s) => !busy.has(s.id)))[0];
  if (!m) return;
  const taken = new Set(family.map((c) => c.seq));
  const custs = rng
    .shuffle(bank.customers.filter((c) => c.type === '个人' && c.branchId === m.branchId && !plan.creditCount[c.seq] && !plan.credit.has(c.seq) && !taken.has(c.seq)))
    .slice(0, 12);
  const day = addDays(end, -rng.int(18, 25));
  const nos: string[] = [];
  for (const c of custs) {
    const no = creditCardNo(c.seq, 8);
    nos.push(no);
    const activated = addDays(day, rng.int(0, 3));
    const limit = yuan(rng.int(10, 50) * 100_000, true);
    plan.extra.push([no, c.id, '贷记卡', day, activated, '正常', limit, addDays(end, -rng.int(0, 5)), rng.int(5, 30), m.id, c.orgId]);
  }
  bank.labels.push({
    model: 'credit_card', kind: 'campaign_cards_used', keys: { manager_id: m.id, issue_date: day, cust_ids: custs.map((c) => c.id), card_nos: nos },
    note: `客户经理${m.id}于${day}集中办理${custs.length}张贷记卡（营销活动），全部激活并正常使用`,
    rule: 'card.bulk_issue', subjects: [{ type: 'staff', id: m.id, period: day.slice(0, 7) }], decoy: true,
  });
}

type SigningRow = (c: Customer, type: '手机银行' | '微信支付绑卡' | '短信提醒', sign: string, cancel: string, last: string, device: string, staffId: string) => string;

/**
 * Decoy of ebank.bulk_signing (and ebank.never_used): a 支行's shared pad at the counter, on
 * which the tellers (and the lobby manager) sign a dozen customers over one busy day, every
 * signing used since. The export has the day of a signing, not its time.
 */
export function plantSigningDecoy(bank: Bank, rng: Rng, row: SigningRow, tellers: Map<string, Staff[]>): void {
  const end = bank.endDate;
  const busy = plantedPeople(bank);
  const orgs = rng.shuffle([...tellers].filter(([, t]) => t.length >= 1 && t.every((s) => !busy.has(s.id))));
  if (!orgs.length) return;
  const [orgId, staff] = orgs[0];
  const lobby = bank.staff.filter((s) => s.orgId === orgId && s.post === '大堂经理' && !busy.has(s.id));
  const who = [...staff, ...lobby];
  const custs = rng.shuffle(bank.customers.filter((c) => c.orgId === orgId && c.type === '个人')).slice(0, 12);
  const day = addDays(end, -rng.int(20, 28));
  const device = `PAD${orgId}`;
  const nos = custs.map((c, i) =>
    row(c, rng.pick(['手机银行', '微信支付绑卡', '短信提醒'] as const), day, '', addDays(end, -rng.int(0, 10)), device, who[i % who.length].id),
  );
  const ids = [...new Set(custs.map((_, i) => who[i % who.length].id))];
  bank.labels.push({
    model: 'ebank', kind: 'branch_pad_used', keys: { org_id: orgId, device_id: device, sign_date: day, staff_ids: ids, sign_nos: nos },
    note: `网点共用签约设备${device}在${day}全天办理${nos.length}笔签约（柜员与大堂经理分别办理），此后均有使用`,
    rule: 'ebank.bulk_signing', subjects: ids.map((id) => ({ type: 'staff', id, period: day.slice(0, 7) })), decoy: true,
  });
}
