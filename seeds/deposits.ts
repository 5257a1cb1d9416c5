// 存款分户 snapshots: every day of the month of endDate plus the two month-ends before, from a
// day-by-day simulation of each account. Planted: month-end spikes (冲时点) and the inflows of
// loans issued at a month-end (bank.depositEffects).

import { addDays, compact, dayRange, daysBetween, monthEnd, monthStart } from './dates.js';
import type { Bank, Customer, DepositEffect } from './model.js';
import { plantDepositDecoy } from './decoys.js';
import type { Rng } from './rng.js';
import { DelimitedWriter, yuan } from './writers.js';

type Kind = '活期' | '定期' | '大额存单' | '保证金' | '通知存款';
const KIND_CODE: Record<Kind, string> = { 活期: '1', 定期: '2', 大额存单: '3', 保证金: '4', 通知存款: '5' };

export interface Account {
  no: string;
  cust: Customer;
  kind: Kind;
  open: string;
  maturity: string;
  base: number; // 分
  status: '正常' | '冻结' | '久悬';
  close: string; // '' or the day it is closed (销户)
  managerId: string;
  orgId: string;
  /** month-end window dressing of business accounts, 分 */
  monthEndBump: number;
  effects: DepositEffect[];
}

function money(rng: Rng, median元: number, sigma: number, cap元 = 8_000_000): number {
  return Math.round(Math.min(cap元, rng.logNormal(median元, sigma)) * 100);
}

function openDate(rng: Rng, cust: Customer, end: string, windowStart: string): string {
  if (cust.openDate >= windowStart) return cust.openDate;
  if (rng.chance(0.02)) return addDays(windowStart, rng.int(0, Math.max(0, daysBetween(windowStart, end))));
  const span = daysBetween(cust.openDate, end) + 1;
  const d = addDays(cust.openDate, rng.int(0, Math.max(0, span - 40)));
  return d < windowStart ? d : addDays(windowStart, -rng.int(1, 300));
}

function buildAccounts(bank: Bank, rng: Rng, windowStart: string): Account[] {
  const out: Account[] = [];
  let seq = 0;
  const add = (cust: Customer, kind: Kind, base: number): Account => {
    const open = openDate(rng, cust, bank.endDate, windowStart);
    const years = kind === '定期' ? rng.pick([1, 1, 2, 3, 5]) : kind === '大额存单' ? 3 : 0;
    const a: Account = {
      no: `3505${cust.branchId.slice(2, 3)}${KIND_CODE[kind]}${String(++seq * 10 + rng.int(0, 9)).padStart(11, '0')}`,
      cust, kind, open, maturity: years ? addDays(open, Math.round(years * 365.25)) : '', base,
      status: '正常', close: '', managerId: rng.chance(0.92) ? cust.managerId : rng.pick(bank.managersByBranch.get(cust.branchId)!).id,
      orgId: rng.chance(0.95) ? cust.orgId : '', monthEndBump: 0, effects: [],
    };
    out.push(a);
    return a;
  };
  for (const c of bank.customers) {
    const business = c.type !== '个人';
    if (business || rng.chance(0.97)) {
      const heavy = rng.chance(0.03);
      const a = add(c, '活期', business ? money(rng, 80_000, 1.2) : heavy ? money(rng, 300_000, 1.2) : money(rng, 22_000, 0.9));
      if (rng.chance(0.015)) {
        a.status = '久悬';
        a.base = Math.round(rng.logNormal(50, 1) * 100);
      } else if (rng.chance(0.003)) a.status = '冻结';
      else if (rng.chance(0.01)) a.close = addDays(windowStart, rng.int(0, 25));
      if (business && rng.chance(0.2)) a.monthEndBump = Math.round(a.base * (0.03 + rng.next() * 0.12));
    }
    if (!business && rng.chance(0.35)) add(c, '定期', Math.round(rng.logNormal(50_000, 0.9) / 100) * 10_000);
    if (rng.chance(0.03)) add(c, '大额存单', (20 + Math.round(rng.logNormal(25, 0.6))) * 1_000_000);
    if (rng.chance(0.02)) add(c, '通知存款', Math.max(5_000_000, money(rng, 200_000, 0.7)));
    if (business && rng.chance(0.15)) add(c, '保证金', money(rng, 100_000, 1));
  }
  return out;
}

/** window dressing planted on purpose (labelled), plus the inflows the loan generator planted */
function plantSpikes(bank: Bank, rng: Rng, accounts: Account[]): void {
  const firstCurrent = new Map<number, Account>();
  for (const a of accounts) if (a.kind === '活期' && a.status === '正常' && !a.close && !firstCurrent.has(a.cust.seq)) firstCurrent.set(a.cust.seq, a);
  for (const [seq, a] of firstCurrent) bank.currentAccount.set(seq, a.no);
  const managers = [...bank.managersByBranch.values()].flat();
  const prevEnd = monthEnd(bank.endDate, -1);
  const used = new Set<string>();
  const pickManager = () => {
    const candidates = managers.filter((m) => !used.has(m.id));
    const m = rng.pick(candidates);
    used.add(m.id);
    return m;
  };
  // ordinary current accounts (under 5万) make the jump stand out against their 20-day average
  const accountsOf = (managerId: string, n: number) =>
    rng.shuffle(accounts.filter((a) => a.kind === '活期' && a.managerId === managerId && firstCurrent.get(a.cust.seq) === a && a.open < addDays(prevEnd, -40) && a.base < 5_000_000)).slice(0, n);

  // (a) the last three days of the month of endDate: the manager's 存款偏离度 goes well over 3%.
  if (bank.endDate === monthEnd(bank.endDate)) {
    const m = pickManager();
    const mine = accounts.filter((a) => a.managerId === m.id);
    const total = mine.reduce((s, a) => s + a.base, 0);
    const targets = accountsOf(m.id, 4);
    const each = Math.max(20_000_000, Math.round((0.1 * total) / targets.length / 1_000_000) * 1_000_000);
    for (const a of targets) {
      const from = addDays(bank.endDate, -2);
      a.effects.push({ custSeq: a.cust.seq, amountFen: each, from, until: addDays(bank.endDate, 10) });
      bank.labels.push({
        model: 'deposit', kind: 'month_end_spike',
        keys: { acct_no: a.no, cust_id: a.cust.id, manager_id: m.id, from, to: bank.endDate },
        note: `月末最后3天存入${yuan(each)}元，远高于20日均值；该客户经理本月存款偏离度超过3%`,
        rule: 'deposit.window_dressing', subjects: [{ type: 'account', id: a.no, period: bank.endDate.slice(0, 7) }],
      });
    }
    if (targets.length) {
      bank.labels.push({
        model: 'deposit', kind: 'month_end_deviation', keys: { manager_id: m.id, acct_nos: targets.map((a) => a.no), date: bank.endDate },
        note: `客户经理${m.id}的${targets.length}个账户月末冲时点，其本月存款偏离度超过3%`,
        rule: 'deposit.deviation', subjects: [{ type: 'staff', id: m.id, period: bank.endDate.slice(0, 7) }],
      });
    }
  }
  // (b) the previous month-end (a quarter end when endDate is in Jan/Apr/Jul/Oct): in for the
  // snapshot, out within the first days of the month of endDate.
  const m = pickManager();
  const left = accountsOf(m.id, 3);
  for (const a of left) {
    const amount = Math.max(3 * a.base, rng.int(30, 200) * 1_000_000);
    const leave = addDays(monthStart(bank.endDate), rng.int(1, 4));
    a.effects.push({ custSeq: a.cust.seq, amountFen: amount, from: addDays(prevEnd, -2), until: leave });
    bank.labels.push({
      model: 'deposit', kind: 'period_end_spike_left',
      keys: { acct_no: a.no, cust_id: a.cust.id, manager_id: m.id, spike_date: prevEnd, left_on: leave },
      note: `${prevEnd}时点存入${yuan(amount)}元，${leave}转出（冲时点）`,
      rule: 'deposit.window_dressing', subjects: [{ type: 'account', id: a.no, period: prevEnd.slice(0, 7) }],
    });
  }
  if (left.length) {
    bank.labels.push({
      model: 'deposit', kind: 'period_end_deviation', keys: { manager_id: m.id, acct_nos: left.map((a) => a.no), date: prevEnd },
      note: `客户经理${m.id}的${left.length}个账户${prevEnd}冲时点，其当月存款偏离度超过3%`,
      rule: 'deposit.deviation', subjects: [{ type: 'staff', id: m.id, period: prevEnd.slice(0, 7) }],
    });
  }
  // inflows planted by the loan generator land on the borrower's first current account
  for (const e of bank.depositEffects) {
    const a = firstCurrent.get(e.custSeq);
    if (!a) continue;
    a.effects.push(e);
    if (e.label) bank.labels.push(e.label);
  }
  plantDepositDecoy(bank, accounts, firstCurrent);
}

export interface DepositResult {
  rows: number;
  accounts: number;
}

export function writeDeposits(bank: Bank, rng: Rng, path: string): DepositResult {
  const end = bank.endDate;
  const windowStart = monthEnd(end, -2);
  const accounts = buildAccounts(bank, rng, addDays(windowStart, 1));
  plantSpikes(bank, rng, accounts);
  const snapshotDays = new Set([monthEnd(end, -2), monthEnd(end, -1), ...dayRange(monthStart(end), end)]);
  const monthDays = dayRange(monthStart(end), end);
  const cur = new Float64Array(accounts.length);
  accounts.forEach((a, i) => (cur[i] = a.base));
  const sumByManager = new Map<string, number>();
  const w = new DelimitedWriter(path, ['数据日期', '账号', '客户号', '存款种类', '开户日期', '到期日期', '账户余额', '账户状态', '所属机构号', '归属客户经理号'], { delimiter: '|' });
  for (const day of dayRange(windowStart, end)) {
    const lastDays = day >= addDays(monthEnd(day), -1);
    const snap = snapshotDays.has(day);
    const inMonth = day >= monthDays[0];
    for (let i = 0; i < accounts.length; i++) {
      const a = accounts[i];
      if (a.kind === '活期' && a.status === '正常') {
        // a random walk pulled back towards the account's usual level
        if (rng.chance(0.12)) cur[i] = Math.max(0, cur[i] + a.base * 0.25 * rng.normal());
        cur[i] += (a.base - cur[i]) * 0.05;
      }
      if (!snap || day < a.open || (a.close && day > a.close)) continue;
      let bal = a.close === day ? 0 : cur[i];
      if (lastDays && a.close !== day) bal += a.monthEndBump;
      for (const e of a.effects) if (day >= e.from && day < e.until) bal += e.amountFen;
      const fen = Math.max(0, Math.round(bal));
      if (inMonth) sumByManager.set(a.managerId, (sumByManager.get(a.managerId) ?? 0) + fen);
      w.write([
        compact(day), a.no, a.cust.id, a.kind, compact(a.open), a.maturity ? compact(a.maturity) : '',
        yuan(fen, true), a.close === day ? '销户' : a.status, a.orgId, a.managerId,
      ]);
    }
  }
  w.close();
  for (const [m, s] of sumByManager) bank.depositAvgByManager.set(m, Math.round(s / monthDays.length));
  return { rows: w.rows, accounts: accounts.length };
}
