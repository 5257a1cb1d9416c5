// 收单交易流水 for the month of endDate, generated one day at a time (so memory stays bounded at
// any scale), sorted by time within the day and written as GB18030 CSV.

import { compact, dayRange, monthStart, timestamp, toMs } from './dates.js';
import type { Bank } from './model.js';
import type { Merchant } from './merchants.js';
import { debitCardNo, payerToken } from './cards.js';
import { extraDay, type MerchantExtras } from './acq-extras.js';
import { Rng } from './rng.js';
import { DelimitedWriter, yuan } from './writers.js';

export const ACQ_HEADER = ['交易流水号', '商户号', '终端号', '交易时间', '交易金额', '付款方标识', '支付方式', '交易类型'];

/** relative volume per hour of the day: shops are busy at lunch and in the evening */
export const HOUR_WEIGHTS = [0.2, 0.1, 0.05, 0.05, 0.05, 0.1, 0.4, 1.5, 3, 3.5, 4, 5, 6, 4, 3.5, 3.5, 4, 5.5, 6, 5, 4, 2.5, 1.2, 0.5];

export interface Txn {
  sec: number;
  m: Merchant;
  amount: number;
  payer: string;
  method: '银行卡' | '扫码';
  type: '消费' | '撤销' | '退货';
}

export function daySecond(rng: Rng): number {
  return rng.weighted(HOUR_WEIGHTS) * 3600 + rng.int(0, 3599);
}

function txnType(rng: Rng): Txn['type'] {
  const r = rng.next();
  return r < 0.965 ? '消费' : r < 0.985 ? '撤销' : '退货';
}

function ticket(rng: Rng, m: Merchant): number {
  const fen = Math.max(100, Math.round(rng.logNormal(m.ticketFen, 0.8)));
  return rng.chance(0.15) ? Math.round(fen / 100) * 100 : fen;
}

/** the regulars of a shop come back more often than passers-by */
function payerOf(rng: Rng, m: Merchant): string {
  return m.payers[Math.floor(m.payers.length * rng.next() ** 2)];
}

function normalDay(rng: Rng, m: Merchant, day: string, days: number, out: Txn[]): void {
  if (m.sign > day || m.monthly <= 0 || !rng.chance(m.openProb)) return;
  const weekend = new Date(toMs(day)).getUTCDay() % 6 === 0;
  const n = rng.poisson((m.monthly / (days * m.openProb)) * (weekend ? 1.15 : 0.95));
  for (let i = 0; i < n; i++) {
    out.push({ sec: daySecond(rng), m, amount: ticket(rng, m), payer: payerOf(rng, m), method: rng.chance(0.72) ? '扫码' : '银行卡', type: txnType(rng) });
  }
}

/** the planted merchants: built so that they just pass the 高质量 thresholds in a suspicious way */
function plantedDay(rng: Rng, m: Merchant, dayIndex: number, out: Txn[]): void {
  const push = (sec: number, amount: number, payer: string) => out.push({ sec, m, amount, payer, method: '扫码', type: '消费' });
  const core = m.payers.slice(0, 3);
  switch (m.anomaly) {
    case 'few_payers': {
      // 21 active days, 3 payers with large amounts every day, 30 one-off small payers
      if (dayIndex >= 21) return;
      for (let i = 0; i < 4; i++) push(daySecond(rng), rng.int(300, 1500) * 100, core[i % 3]);
      if (dayIndex < 15) push(daySecond(rng), rng.int(500, 3000), m.payers[3 + dayIndex * 2]);
      if (dayIndex < 15) push(daySecond(rng), rng.int(500, 3000), m.payers[4 + dayIndex * 2]);
      return;
    }
    case 'round_amounts': {
      if (dayIndex >= 24) return;
      for (let i = 0; i < 8; i++) push(daySecond(rng), rng.pick([100, 200, 500, 1000, 2000]) * 100, payerOf(rng, m));
      return;
    }
    case 'night_burst': {
      for (let i = 0; i < 5; i++) push(daySecond(rng), Math.round(rng.logNormal(m.ticketFen, 0.6)), payerOf(rng, m));
      if (dayIndex % 3 === 0) {
        const start = rng.int(1 * 3600, 4 * 3600 + 3000);
        for (let i = 0; i < 12; i++) push(start + i * rng.int(10, 25), rng.int(990, 9900), core[i % 2]);
      }
      return;
    }
    case 'owner_pays': {
      const owner = payerToken(debitCardNo(m.owner.seq, 0));
      for (let i = 0; i < 6; i++) push(daySecond(rng), Math.round(rng.logNormal(m.ticketFen, 0.6)), payerOf(rng, m));
      for (let i = 0; i < 3; i++) push(daySecond(rng), rng.int(200, 800) * 100, owner);
      return;
    }
    case 'split_burst': {
      for (let i = 0; i < 5; i++) push(daySecond(rng), Math.round(rng.logNormal(m.ticketFen, 0.6)), payerOf(rng, m));
      if (dayIndex % 2 === 0) {
        // 5,000 元 paid as 10 instalments within about three minutes
        const start = rng.int(9 * 3600, 20 * 3600);
        for (let i = 0; i < 10; i++) push(start + i * rng.int(8, 20), 50_000, core[0]);
      }
      return;
    }
  }
}

export function writeAcqTxns(bank: Bank, rng: Rng, merchants: Merchant[], path: string, extras: MerchantExtras = {}): number {
  const days = dayRange(monthStart(bank.endDate), bank.endDate);
  const fullMonth = new Date(Date.UTC(+bank.endDate.slice(0, 4), +bank.endDate.slice(5, 7), 0)).getUTCDate();
  const w = new DelimitedWriter(path, ACQ_HEADER, { encoding: 'gb18030' });
  const extraRng = new Rng(bank.seed, 'acq-extra');
  const extraMerchants = merchants.filter((m) => m.extra);
  days.forEach((day, dayIndex) => {
    const out: Txn[] = [];
    for (const m of merchants) {
      if (m.anomaly) plantedDay(rng, m, dayIndex, out);
      else if (m.extra !== 'night_24h' && m.extra !== 'fixed_price') normalDay(rng, m, day, fullMonth, out);
    }
    out.sort((a, b) => a.sec - b.sec);
    const prefix = compact(day);
    // the extra merchants' rows (acq-extras.ts) join in time order with serials of their own (9…),
    // so the serials, terminals and draws of every other row stay as they were
    const extra: Txn[] = [];
    extraDay(bank, extraRng, extras, extraMerchants, day, extra);
    extra.sort((a, b) => a.sec - b.sec);
    let j = 0;
    const writeExtra = (t: Txn) =>
      w.write([
        `${prefix}9${String(++j).padStart(7, '0')}`, t.m.id, extraRng.pick(t.m.terminals), timestamp(day, Math.min(t.sec, 86_399)),
        yuan(t.amount), t.payer, t.method, t.type,
      ]);
    let k = 0;
    out.forEach((t, i) => {
      while (k < extra.length && extra[k].sec < t.sec) writeExtra(extra[k++]);
      w.write([
        `${prefix}${String(i + 1).padStart(8, '0')}`, t.m.id, rng.pick(t.m.terminals), timestamp(day, Math.min(t.sec, 86_399)),
        yuan(t.amount), t.payer, t.method, t.type,
      ]);
    });
    while (k < extra.length) writeExtra(extra[k++]);
  });
  w.close();
  return w.rows;
}
