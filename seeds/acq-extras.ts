// Merchants added after the merchant and 收单 draws (issue 10), with transactions from a stream of
// their own so every other merchant's rows stay as they were:
// - a case of merchant.self_paid the console can trace: a busy shop whose owner also pays it, a
//   few times a day, from the owner's own current account. 付款方标识 names a card or an account
//   the same way (first 16 hex digits, upper case, of SHA-256 of the number): the console holds
//   account numbers in clear, so it can hash the owner's and match, while the planted owner_pays
//   merchants pay with a card, whose number the console keeps only as a keyed hash;
// - decoy of merchant.night: a 24-hour convenience store, about a tenth of its sales at 01–05;
// - decoy of merchant.round_amounts: a car wash at fixed prices (30 / 50 / 80 元, some 精洗 at
//   120 元): the same few amounts all month, but under the rule's floor, or a small share above it.
//   A fixed-price shop whose price is 100 元 or more looks exactly like the planted round-amount
//   merchants in these columns, so it is not planted: nothing in the data tells them apart.

import { dayRange, monthStart } from './dates.js';
import { pointInSquare } from './geo.js';
import { HOUR_WEIGHTS, type Txn } from './acq.js';
import { payerToken } from './cards.js';
import type { Merchant } from './merchants.js';
import type { Bank, Label } from './model.js';
import type { Rng } from './rng.js';

function token(rng: Rng): string {
  let s = '';
  for (let i = 0; i < 16; i++) s += '0123456789ABCDEF'[rng.int(0, 15)];
  return s;
}

export interface MerchantExtras {
  /** the self-paid case's label: its payer (the owner's account) is known once deposits are drawn */
  selfPaid?: { m: Merchant; label: Label };
}

export function addMerchantExtras(bank: Bank, rng: Rng, merchants: Merchant[]): MerchantExtras {
  const first = monthStart(bank.endDate);
  const period = bank.endDate.slice(0, 7);
  const out: MerchantExtras = {};
  const busy = rng.shuffle(merchants.filter((m) => !m.anomaly && m.status === '正常' && m.sign < first && m.monthly >= 400 && m.owner.type !== '个人'));
  if (busy.length) {
    const m = busy[0];
    m.extra = 'owner_account';
    const label: Label = {
      model: 'merchant', kind: 'owner_account_pays', keys: { merchant_id: m.id, owner_cust_id: m.owner.id, manager_id: m.managerId },
      note: '商户法人用本人名下活期账户向自己的商户付款（付款方标识 = SHA-256(账号) 前16位大写），每3天中有2天各2笔',
      rule: 'merchant.self_paid', subjects: [{ type: 'merchant', id: m.id, period }],
    };
    bank.labels.push(label);
    out.selfPaid = { m, label };
  }
  const owning = new Set(merchants.map((m) => m.owner.seq));
  const owners = rng.shuffle(bank.customers.filter((c) => c.type === '个体工商户' && !owning.has(c.seq)));
  const grids = new Map(bank.grids.map((g) => [g.id, g]));
  const shops: [Merchant['extra'], string, string, number, string, Label['rule']][] = [
    ['night_24h', '零售', '24小时便利店', 2500, '24小时营业便利店，夜间01:00–05:00有少量正常交易（约占一成）', 'merchant.night'],
    ['fixed_price', '生活服务', '洗车店', 5000, '洗车店按固定价格收费（30/50/80元，精洗120元），金额高度重复但属正常定价', 'merchant.round_amounts'],
  ];
  shops.forEach(([extra, industry, word, ticketFen, note, rule], k) => {
    const c = owners[k];
    if (!c) return;
    const grid = grids.get(c.gridId);
    const m: Merchant = {
      id: `898350${c.branchId.slice(2, 3)}99${String(k + 1).padStart(6, '0')}`,
      name: `${c.name.replace(/^..[区市县]/, '')}${word}`, industry, owner: c, settle: `3505${c.branchId.slice(2, 3)}1${rng.digits(11)}`,
      sign: '2023-03-01', status: '正常', point: grid ? pointInSquare(rng, grid.square) : null, gridId: c.gridId,
      managerId: c.managerId, orgId: c.orgId, terminals: [rng.digits(8)], monthly: 0, openProb: 1, ticketFen,
      payers: Array.from({ length: 300 }, () => token(rng)), extra,
    };
    merchants.push(m);
    bank.labels.push({
      model: 'merchant', kind: extra === 'night_24h' ? 'night_24h_shop' : 'fixed_price_shop', keys: { merchant_id: m.id, owner_cust_id: c.id, manager_id: m.managerId },
      note, rule, subjects: [{ type: 'merchant', id: m.id, period }], decoy: true,
    });
  });
  return out;
}

// a function, not a constant: acq.ts and this module import each other
const dayHours = () => HOUR_WEIGHTS.map((w, h) => (h >= 1 && h < 5 ? 0 : w));

function dayTime(rng: Rng, weights: readonly number[]): number {
  return rng.weighted(weights) * 3600 + rng.int(0, 3599);
}

/** the extra merchants' transactions of one day (day index from the month's first) */
export function extraDay(bank: Bank, rng: Rng, extras: MerchantExtras, merchants: readonly Merchant[], day: string, out: Txn[]): void {
  const dayIndex = dayRange(monthStart(bank.endDate), day).length - 1;
  const DAY_HOURS = dayHours();
  const payer = (m: Merchant) => m.payers[Math.floor(m.payers.length * rng.next() ** 2)];
  for (const m of merchants) {
    if (!m.extra) continue;
    const push = (sec: number, amount: number, p: string) => out.push({ sec, m, amount, payer: p, method: '扫码', type: '消费' });
    if (m.extra === 'owner_account' && extras.selfPaid?.m === m && dayIndex % 3 !== 2) {
      // the owner's first current account, else the merchant's own settlement account
      const acct = bank.currentAccount.get(m.owner.seq) ?? m.settle;
      const token = payerToken(acct);
      Object.assign(extras.selfPaid.label.keys, { payer_acct: acct, payer: token });
      for (let i = 0; i < 2; i++) push(dayTime(rng, DAY_HOURS), rng.int(30_000, 90_000), token);
    } else if (m.extra === 'night_24h') {
      const n = rng.int(45, 65);
      const night = rng.int(4, 8);
      for (let i = 0; i < n; i++) push(dayTime(rng, DAY_HOURS), Math.max(150, Math.round(rng.logNormal(m.ticketFen, 0.6))), payer(m));
      for (let i = 0; i < night; i++) push(rng.int(3600, 5 * 3600 - 1), Math.max(150, Math.round(rng.logNormal(m.ticketFen, 0.6))), payer(m));
    } else if (m.extra === 'fixed_price') {
      const n = rng.int(18, 30);
      for (let i = 0; i < n; i++) {
        const price = rng.pickWeighted([[3000, 50], [5000, 30], [8000, 12], [12000, 8]] as const);
        push(dayTime(rng, DAY_HOURS.map((w, h) => (h >= 8 && h < 19 ? w : 0))), price, payer(m));
      }
    }
  }
}
