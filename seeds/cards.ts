// 银行卡: 借记卡 for most, 社保卡 for many, 贷记卡 for some. Numbers follow the customer's
// position, so other generators (merchant payers) can name a customer's card without a lookup.
// Planted: many 贷记卡 by one manager on one day; cardholders sharing a phone; a manager whose
// cards are almost never activated.

import { createHash } from 'node:crypto';
import { addDays, daysBetween } from './dates.js';
import { luhnComplete } from './idcard.js';
import type { Bank, Customer } from './model.js';
import type { Rng } from './rng.js';
import { DelimitedWriter, yuan } from './writers.js';

export function debitCardNo(seq: number, n: number): string {
  return luhnComplete(`623518${n}${String(seq).padStart(11, '0')}`);
}
function socialCardNo(seq: number): string {
  return luhnComplete(`6235690${String(seq).padStart(11, '0')}`);
}
export function creditCardNo(seq: number, n: number): string {
  return luhnComplete(`625931${n}${String(seq).padStart(8, '0')}`);
}

/** how acquiring exports name a payer: the first 16 hex digits of SHA-256 of the card number */
export function payerToken(cardNo: string): string {
  return createHash('sha256').update(cardNo).digest('hex').slice(0, 16).toUpperCase();
}

interface PlantedCredit {
  managerId: string;
  issue: string;
  activated: boolean;
}

export interface CardPlan {
  credit: Map<number, PlantedCredit>;
  social: Uint8Array;
  creditCount: Uint8Array;
  /** rows added after every draw of this file (decoys.ts), written last: 卡号 … 所属机构号 */
  extra: (string | number)[][];
}

export function planCards(bank: Bank, rng: Rng): CardPlan {
  const n = bank.customers.length;
  const plan: CardPlan = { credit: new Map(), social: new Uint8Array(n), creditCount: new Uint8Array(n), extra: [] };
  for (const c of bank.customers) {
    const person = c.type === '个人';
    if (c.type !== '小微企业' && rng.chance(person ? 0.92 : 0.8)) bank.debitCards[c.seq] = rng.chance(0.15) ? 2 : 1;
    if (person && rng.chance(0.55)) plan.social[c.seq] = 1;
    if (c.type !== '小微企业' && rng.chance(person ? 0.07 : 0.12)) plan.creditCount[c.seq] = 1;
  }
  const individuals = rng.shuffle(bank.customers.filter((c) => c.type === '个人' && !plan.creditCount[c.seq]));
  let next = 0;
  const managers = rng.shuffle([...bank.managersByBranch.values()].flat());
  // (a) a burst of 贷记卡 by one manager on one day, mostly never activated
  const bulk = managers[0];
  const bulkDay = addDays(bank.endDate, -rng.int(20, 60));
  const bulkCusts = individuals.filter((c) => c.branchId === bulk.branchId).slice(0, 20 + (bank.scale === 'small' ? 0 : 10));
  for (const c of bulkCusts) plan.credit.set(c.seq, { managerId: bulk.id, issue: bulkDay, activated: rng.chance(0.25) });
  bank.labels.push({
    model: 'credit_card', kind: 'bulk_issue_one_day',
    keys: { manager_id: bulk.id, issue_date: bulkDay, cust_ids: bulkCusts.map((c) => c.id), card_nos: bulkCusts.map((c) => creditCardNo(c.seq, 9)) },
    note: `同一客户经理${bulkDay}一天发卡${bulkCusts.length}张，多数未激活，激活的仅一笔交易`,
    rule: 'card.bulk_issue', subjects: [{ type: 'staff', id: bulk.id, period: bulkDay.slice(0, 7) }],
  });
  next = bulkCusts.length;
  // (b) a manager whose cards, issued months ago, were almost never activated
  const idle = managers[1];
  const idleCusts = individuals.slice(next).filter((c) => c.branchId === idle.branchId).slice(0, 12);
  for (const c of idleCusts) plan.credit.set(c.seq, { managerId: idle.id, issue: addDays(bank.endDate, -rng.int(100, 300)), activated: rng.chance(0.1) });
  bank.labels.push({
    model: 'credit_card', kind: 'manager_cards_not_activated',
    keys: { manager_id: idle.id, cust_ids: idleCusts.map((c) => c.id) },
    note: '该客户经理营销的贷记卡90天以上大多未激活',
    rule: 'card.not_activated', subjects: [{ type: 'staff', id: idle.id, period: bank.endDate.slice(0, 7) }],
  });
  // (c) cardholders sharing one phone (and in one group one address)
  const holders = rng.shuffle(bank.customers.filter((c) => c.type === '个人' && plan.creditCount[c.seq] && !plan.credit.has(c.seq) && c.phone.length === 11));
  for (let g = 0; g < 2; g++) {
    const group: Customer[] = holders.slice(g * 6, g * 6 + rng.int(4, 6));
    if (group.length < 2) break;
    for (const c of group.slice(1)) {
      c.phone = group[0].phone;
      if (g === 1) c.address = group[0].address;
    }
    bank.labels.push({
      model: 'credit_card', kind: g === 1 ? 'shared_phone_and_address' : 'shared_phone',
      keys: { phone: group[0].phone, cust_ids: group.map((c) => c.id) },
      note: `${group.length}名贷记卡持卡人预留同一手机号码${g === 1 ? '和地址' : ''}`,
      rule: 'card.shared_contact', subjects: group.map((c) => ({ type: 'customer', id: c.id, period: bank.endDate.slice(0, 7) })),
    });
  }
  return plan;
}

const HEADER = ['卡号', '客户号', '卡种', '发卡日期', '激活日期', '卡状态', '授信额度', '最近交易日期', '近12月交易笔数', '营销客户经理号', '所属机构号'];

export function writeCards(bank: Bank, rng: Rng, plan: CardPlan, path: string): number {
  const end = bank.endDate;
  const w = new DelimitedWriter(path, HEADER);
  const emit = (c: Customer, no: string, kind: string, issue: string, status: string, limit: string, managerId: string, forceTxn?: number) => {
    const activated = status !== '未激活';
    const activate = activated ? (issue >= end ? end : addDays(issue, Math.min(rng.int(0, 20), daysBetween(issue, end)))) : '';
    let last = '';
    let count = 0;
    if (forceTxn !== undefined) {
      count = activated ? forceTxn : 0;
      last = count ? activate : '';
    } else if (activated && status === '正常') {
      const r = rng.next();
      const gap = r < 0.8 ? rng.int(0, 60) : r < 0.95 ? rng.int(61, 365) : rng.int(366, 900);
      if (addDays(end, -gap) >= activate) {
        last = addDays(end, -gap);
        count = gap > 365 ? 0 : Math.max(1, Math.round(rng.logNormal(kind === '贷记卡' ? 60 : 35, 0.9)));
      }
    }
    w.write([no, c.id, kind, issue, activate, status, limit, last, count, managerId, c.orgId]);
  };
  const issueDate = (c: Customer, maxYears: number) => {
    const span = Math.min(daysBetween(c.openDate, end), maxYears * 365);
    return addDays(end, -rng.int(0, Math.max(0, span)));
  };
  const STATUS = {
    debit: [['正常', 88], ['未激活', 4], ['挂失', 1], ['销卡', 7]],
    social: [['正常', 85], ['未激活', 12], ['挂失', 1], ['销卡', 2]],
    credit: [['正常', 78], ['未激活', 14], ['挂失', 1], ['销卡', 7]],
  } as const;
  for (const c of bank.customers) {
    for (let k = 0; k < bank.debitCards[c.seq]; k++) {
      emit(c, debitCardNo(c.seq, k), '借记卡', issueDate(c, 15), rng.pickWeighted(STATUS.debit), '', rng.chance(0.6) ? c.managerId : '');
    }
    if (plan.social[c.seq]) emit(c, socialCardNo(c.seq), '社保卡', issueDate(c, 8), rng.pickWeighted(STATUS.social), '', '');
    const limit = () => yuan(Math.max(3000, Math.round(Math.min(200_000, rng.logNormal(20_000, 0.6)) / 1000) * 1000) * 100, true);
    if (plan.creditCount[c.seq]) emit(c, creditCardNo(c.seq, 0), '贷记卡', issueDate(c, 4), rng.pickWeighted(STATUS.credit), limit(), c.managerId);
    const p = plan.credit.get(c.seq);
    if (p) emit(c, creditCardNo(c.seq, 9), '贷记卡', p.issue, p.activated ? '正常' : '未激活', limit(), p.managerId, 1);
  }
  for (const x of plan.extra) w.write(x);
  w.close();
  return w.rows;
}
