// 贷款借据 snapshots at the two month-ends before endDate and at endDate, written with EAST 5.0
// codes as headers. Guarantee mix and 五级分类 are steered by balance, so the 信用 share (≈1/3)
// and the 不良率 (≈2–4%) hold at every scale and seed.

import { addDays, compact, daysBetween, monthEnd, monthStart } from './dates.js';
import type { Bank, Customer, Label } from './model.js';
import type { Rng } from './rng.js';
import { DelimitedWriter, yuan } from './writers.js';

type Guarantee = '信用' | '保证' | '抵押' | '质押';

export interface Loan {
  no: string;
  contract: string;
  cust: Customer;
  product: string;
  guarantee: Guarantee;
  online: boolean;
  inclusive: boolean;
  issue: string;
  maturity: string;
  amount: number; // 分
  bullet: boolean;
  termMonths: number;
  rate: number;
  managerId: string;
  orgId: string;
  /** 逾期天数 at endDate */
  overdue: number;
  /** 关注 although not overdue */
  watch: boolean;
  /** repaid before endDate: absent from snapshots on or after this day */
  repaidOn: string;
  planted: boolean;
}

interface Product {
  name: string;
  guarantee: readonly (readonly [Guarantee, number])[];
  online: boolean;
  inclusive: boolean;
  median元: number;
  sigma: number;
  terms: readonly number[];
  rate: [number, number];
  bullet: number;
}

const P = (p: Product) => p;
export const PRODUCTS = {
  fn: P({ name: '福农贷', guarantee: [['保证', 6], ['信用', 4]], online: false, inclusive: true, median元: 100_000, sigma: 0.5, terms: [12, 24, 36], rate: [5.5, 7.5], bullet: 0.7 }),
  ke: P({ name: '快e贷', guarantee: [['信用', 1]], online: true, inclusive: false, median元: 60_000, sigma: 0.6, terms: [12], rate: [6, 9], bullet: 0 }),
  mg: P({ name: '个人住房按揭贷款', guarantee: [['抵押', 1]], online: false, inclusive: false, median元: 500_000, sigma: 0.5, terms: [120, 240, 360], rate: [3.6, 4.3], bullet: 0 }),
  jy: P({ name: '个人经营贷', guarantee: [['抵押', 5], ['保证', 5]], online: false, inclusive: true, median元: 300_000, sigma: 0.8, terms: [12, 24, 36], rate: [4.2, 6.5], bullet: 0.8 }),
  hs: P({ name: '惠商贷', guarantee: [['保证', 6], ['信用', 4]], online: false, inclusive: true, median元: 200_000, sigma: 0.6, terms: [12, 24], rate: [4.8, 7], bullet: 0.6 }),
  hse: P({ name: '惠商e贷', guarantee: [['信用', 1]], online: true, inclusive: true, median元: 150_000, sigma: 0.5, terms: [12], rate: [5, 7.5], bullet: 0.5 }),
  lz: P({ name: '小微企业流动资金贷款', guarantee: [['保证', 40], ['抵押', 45], ['质押', 15]], online: false, inclusive: true, median元: 1_500_000, sigma: 0.8, terms: [12, 24], rate: [3.9, 5.8], bullet: 0.85 }),
};

function productFor(rng: Rng, c: Customer): Product {
  if (c.type === '小微企业') return PRODUCTS.lz;
  if (c.type === '个体工商户') return rng.pickWeighted([[PRODUCTS.hs, 5], [PRODUCTS.hse, 3], [PRODUCTS.jy, 2]]);
  if (c.isFarmer && rng.chance(0.6)) return PRODUCTS.fn;
  return rng.pickWeighted([[PRODUCTS.ke, 4], [PRODUCTS.mg, 3], [PRODUCTS.jy, 2], [PRODUCTS.fn, 1]]);
}

/** balance in 分 on `date`, or null when the loan is not on the books that day */
export function balanceOn(l: Loan, date: string, end: string): number | null {
  if (date < l.issue || (l.repaidOn && date >= l.repaidOn)) return null;
  const od = overdueOn(l, date, end);
  if (l.maturity < date && od === 0) return null;
  if (l.bullet) return l.amount;
  // equal principal instalments, which stop once the loan falls overdue
  const paidUpTo = od > 0 ? addDays(date, -od) : date;
  const months = Math.max(0, Math.floor(daysBetween(l.issue, paidUpTo) / 30.44));
  return Math.max(0, Math.round(l.amount * (1 - Math.min(months, l.termMonths) / l.termMonths)));
}

export function overdueOn(l: Loan, date: string, end: string): number {
  return Math.max(0, l.overdue - daysBetween(date, end));
}

export function class5On(l: Loan, date: string, end: string): number {
  const od = overdueOn(l, date, end);
  if (od > 360) return 5;
  if (od > 180) return 4;
  if (od > 90) return 3;
  if (od > 30 || l.watch) return 2;
  return 1;
}

export function makeLoan(bank: Bank, rng: Rng, c: Customer, prod: Product, seq: number): Loan {
  const term = rng.pick(prod.terms);
  const termDays = Math.round(term * 30.44);
  const issue = addDays(bank.endDate, -rng.int(0, Math.min(termDays, 1460) + 60));
  const amount = Math.round(Math.min(10_000_000, rng.logNormal(prod.median元, prod.sigma)) / 1000) * 100_000;
  return {
    no: `JJ${issue.slice(0, 4)}${c.branchId.slice(2, 3)}${String(seq).padStart(7, '0')}`,
    contract: `HT${issue.slice(0, 4)}${String(seq * 3 + 11).padStart(8, '0')}`,
    cust: c, product: prod.name, guarantee: rng.pickWeighted(prod.guarantee), online: prod.online, inclusive: prod.inclusive,
    issue, maturity: addDays(issue, termDays), amount: Math.max(1_000_000, amount), bullet: rng.chance(prod.bullet), termMonths: term,
    rate: Math.round((prod.rate[0] + rng.next() * (prod.rate[1] - prod.rate[0])) * 100) / 100,
    managerId: c.managerId, orgId: c.orgId, overdue: 0, watch: false, repaidOn: '', planted: false,
  };
}

/** turn loans into 信用 (or back) until 信用 is about a third of the balance */
function steerCredit(rng: Rng, live: { l: Loan; bal: number }[], total: number): void {
  let credit = live.filter((x) => x.l.guarantee === '信用').reduce((s, x) => s + x.bal, 0);
  for (const x of rng.shuffle(live.filter((x) => x.l.guarantee === '保证' && !x.l.planted))) {
    if (credit >= 0.32 * total) break;
    if (credit + x.bal > 0.36 * total) continue;
    x.l.guarantee = '信用';
    credit += x.bal;
  }
  for (const x of rng.shuffle(live.filter((x) => x.l.guarantee === '信用' && !x.l.online && !x.l.planted))) {
    if (credit <= 0.36 * total) break;
    x.l.guarantee = '保证';
    credit -= x.bal;
  }
}

/**
 * Choose overdue and non-performing loans by balance (不良 ≈ 2.8%, 关注 ≈ 3%). The first
 * non-performing loans take the buckets in turn, so every 逾期 bucket is present at any seed.
 */
function steerQuality(bank: Bank, rng: Rng, live: { l: Loan; bal: number }[], total: number): void {
  const pool = rng.shuffle(live.filter((x) => !x.l.planted && x.bal <= 0.012 * total));
  const end = bank.endDate;
  const buckets: [number, number][] = [[361, 900], [181, 360], [91, 180]];
  let npl = 0;
  let watch = 0;
  let nplCount = 0;
  let short = 0;
  for (const x of pool) {
    const age = daysBetween(x.l.issue, end) - 20;
    if (npl < 0.028 * total && npl + x.bal <= 0.036 * total) {
      const [lo, hi] = nplCount < 3 ? buckets[nplCount] : buckets[rng.weighted([2, 3, 5])];
      if (lo > age) continue;
      // instalments stop when a loan falls overdue, so its balance is re-read after the change
      x.l.overdue = rng.int(lo, Math.min(hi, age));
      const bal = balanceOn(x.l, end, end) ?? 0;
      if (npl + bal > 0.036 * total) {
        x.l.overdue = 0;
        continue;
      }
      npl += bal;
      nplCount++;
    } else if (watch < 0.03 * total && watch + x.bal <= 0.04 * total) {
      if (rng.chance(0.3)) x.l.watch = true;
      else x.l.overdue = rng.int(31, Math.min(90, Math.max(31, age)));
      watch += x.bal;
    } else if (short < Math.max(3, pool.length * 0.012)) {
      x.l.overdue = rng.int(1, 30);
      short++;
    }
    if (x.l.overdue > 0 && x.l.bullet) x.l.maturity = addDays(end, -x.l.overdue);
  }
}

function plant(bank: Bank, rng: Rng, loans: Loan[], nextSeq: () => number): void {
  const prevEnd = monthEnd(bank.endDate, -1);
  const firstDay = monthStart(bank.endDate);
  const business = rng.shuffle(bank.customers.filter((c) => c.type !== '个人'));
  // (a) issued in the last days of the previous month, repaid in the first days of this one; the
  // money sits on the borrower's current account meanwhile (贷款冲存款)
  for (const c of business.slice(0, 3)) {
    const l = makeLoan(bank, rng, c, PRODUCTS.hs, nextSeq());
    l.issue = addDays(prevEnd, -rng.int(0, 2));
    l.maturity = addDays(l.issue, 365);
    l.amount = rng.int(50, 300) * 1_000_000;
    l.bullet = true;
    l.repaidOn = addDays(firstDay, rng.int(1, 4));
    l.planted = true;
    loans.push(l);
    const label = {
      model: 'loan', kind: 'period_end_issue_repaid', keys: { loan_no: l.no, cust_id: c.id, manager_id: l.managerId, issue_date: l.issue, repaid_on: l.repaidOn },
      note: `月末${l.issue}发放${yuan(l.amount)}元，${l.repaidOn}结清（不在${bank.endDate}借据中）；放款期间资金停留在活期账户`,
    } as const;
    bank.labels.push({ ...label, rule: 'loan.period_end', subjects: [{ type: 'loan', id: l.no, period: prevEnd.slice(0, 7) }] });
    // the proceeds parked on the borrower's current account are also loan.proceeds_back's case
    const back: Label = { ...label, rule: 'loan.proceeds_back', subjects: [{ type: 'loan', id: l.no, period: l.issue.slice(0, 7) }] };
    bank.depositEffects.push({ custSeq: c.seq, amountFen: l.amount, from: l.issue, until: l.repaidOn, label: back });
  }
  // (b) 借新还旧: an overdue loan repaid the day a new one of about its size is issued
  for (const c of business.slice(3, 5)) {
    const old = makeLoan(bank, rng, c, PRODUCTS.jy, nextSeq());
    old.bullet = true;
    old.issue = addDays(prevEnd, -400);
    old.maturity = addDays(prevEnd, -rng.int(40, 70));
    old.overdue = daysBetween(old.maturity, bank.endDate);
    old.repaidOn = addDays(firstDay, rng.int(4, Math.min(19, daysBetween(firstDay, bank.endDate))));
    old.planted = true;
    const neu = makeLoan(bank, rng, c, PRODUCTS.jy, nextSeq());
    neu.issue = old.repaidOn;
    neu.maturity = addDays(neu.issue, 365);
    neu.amount = old.amount + rng.int(0, 5) * 1_000_000;
    neu.bullet = true;
    neu.planted = true;
    loans.push(old, neu);
    bank.labels.push({
      model: 'loan', kind: 'renew_to_repay', keys: { old_loan_no: old.no, new_loan_no: neu.no, cust_id: c.id, date: neu.issue },
      note: `逾期借据于${old.repaidOn}结清，同日发放新借据（借新还旧）`,
      rule: 'loan.renew_to_repay', subjects: [{ type: 'loan', id: neu.no, period: neu.issue.slice(0, 7) }],
    });
  }
  // (c) one customer, several managers
  for (const c of business.slice(5, 7)) {
    const managers = bank.managersByBranch.get(c.branchId)!.filter((m) => m.id !== c.managerId).slice(0, 2);
    const ids: string[] = [];
    for (const m of [undefined, ...managers]) {
      const l = makeLoan(bank, rng, c, PRODUCTS.hs, nextSeq());
      l.issue = addDays(bank.endDate, -rng.int(10, 200));
      l.maturity = addDays(l.issue, 365);
      if (m) {
        l.managerId = m.id;
        l.orgId = m.orgId;
      }
      l.planted = true;
      loans.push(l);
      ids.push(l.no);
    }
    bank.labels.push({
      model: 'loan', kind: 'several_managers', keys: { cust_id: c.id, loan_nos: ids },
      note: '同一客户的多笔贷款由不同客户经理经办',
      rule: 'loan.several_managers', subjects: [{ type: 'customer', id: c.id, period: bank.endDate.slice(0, 7) }],
    });
  }
}

export function buildLoans(bank: Bank, rng: Rng): Loan[] {
  const loans: Loan[] = [];
  let seq = 0;
  const nextSeq = () => ++seq * 10 + rng.int(0, 9);
  const share = { 个人: 0.09, 个体工商户: 0.35, 小微企业: 0.5 } as const;
  for (const c of bank.customers) {
    if (!rng.chance(share[c.type])) continue;
    const n = rng.pickWeighted([[1, 80], [2, 17], [3, 3]] as const);
    for (let k = 0; k < n; k++) loans.push(makeLoan(bank, rng, c, productFor(rng, c), nextSeq()));
  }
  plant(bank, rng, loans, nextSeq);
  const firstSnap = monthEnd(bank.endDate, -2);
  const kept = loans.filter((l) => l.maturity >= firstSnap || l.overdue > 0);
  const live = kept.map((l) => ({ l, bal: balanceOn(l, bank.endDate, bank.endDate) ?? 0 })).filter((x) => x.bal > 0);
  const total = live.reduce((s, x) => s + x.bal, 0);
  steerCredit(rng, live, total);
  steerQuality(bank, rng, live, total);
  return kept;
}

export function loanDates(endDate: string): string[] {
  return [monthEnd(endDate, -2), monthEnd(endDate, -1), endDate];
}

export function writeLoans(bank: Bank, loans: Loan[], path: string): number {
  const w = new DelimitedWriter(
    path,
    ['CJRQ', 'XDJJH', 'XDHTH', 'KHTYBH', '贷款产品', '担保方式', '是否线上贷款', 'FFRQ', 'DQRQ', 'DKJE', 'DKYE', 'DKLL', 'DKWJFL', '逾期天数', 'DKYQYE', 'BNQXYE', '是否普惠小微', 'XDYXM', 'NBJGH'],
    { bom: true, crlf: true },
  );
  const end = bank.endDate;
  for (const date of loanDates(end)) {
    for (const l of loans) {
      const bal = balanceOn(l, date, end);
      if (bal === null) continue;
      const od = overdueOn(l, date, end);
      const monthly = l.bullet ? bal : Math.round(l.amount / l.termMonths);
      const overduePrincipal = od === 0 ? 0 : l.bullet || l.maturity < date ? bal : Math.min(bal, monthly * Math.ceil(od / 30));
      const arrears = od === 0 ? 0 : Math.round((bal * l.rate * Math.min(od, 720)) / 100 / 360);
      if (date === end) bank.loanBalanceByManager.set(l.managerId, (bank.loanBalanceByManager.get(l.managerId) ?? 0) + bal);
      w.write([
        compact(date), l.no, l.contract, l.cust.id, l.product, l.guarantee, l.online ? '是' : '否', compact(l.issue), compact(l.maturity),
        yuan(l.amount), yuan(bal), l.rate.toFixed(2), String(class5On(l, date, end)), od, yuan(overduePrincipal), yuan(arrears),
        l.inclusive ? '是' : '否', l.managerId, l.orgId,
      ]);
    }
  }
  w.close();
  return w.rows;
}
