// 收单商户: a long tail of shops owned by customers (≈4%), a few busy, most small, some dormant.
// Each carries the activity the transaction generator draws from, and a handful carry a planted
// anomaly of the 高质量商户 model.

import { addDays, daysBetween, monthEnd, monthStart } from './dates.js';
import { exported, pointInSquare } from './geo.js';
import type { LngLat } from './geo.js';
import type { Bank, Customer } from './model.js';
import { INDUSTRIES, shopName } from './names.js';
import type { Rng } from './rng.js';
import { debitCardNo, payerToken } from './cards.js';
import { DelimitedWriter } from './writers.js';
import type { RuleId } from '../shared/monitoring.js';

export type MerchantAnomaly = 'few_payers' | 'round_amounts' | 'night_burst' | 'owner_pays' | 'split_burst';

export interface Merchant {
  id: string;
  name: string;
  industry: string;
  owner: Customer;
  settle: string;
  sign: string;
  status: '正常' | '暂停' | '注销';
  point: LngLat | null;
  gridId: string;
  managerId: string;
  orgId: string;
  terminals: string[];
  /** expected transactions over the whole month */
  monthly: number;
  openProb: number;
  ticketFen: number;
  payers: string[];
  anomaly?: MerchantAnomaly;
  /** decoys and cases added after the draws above, with transactions from a stream of their own (acq-extras.ts) */
  extra?: 'night_24h' | 'fixed_price' | 'owner_account';
}

const OWNER_SHARE = { 个人: 0.005, 个体工商户: 0.25, 小微企业: 0.25 } as const;

function randomToken(rng: Rng): string {
  let s = '';
  for (let i = 0; i < 16; i++) s += '0123456789ABCDEF'[rng.int(0, 15)];
  return s;
}

export function buildMerchants(bank: Bank, rng: Rng): Merchant[] {
  const out: Merchant[] = [];
  const end = bank.endDate;
  const first = monthStart(end);
  const grids = new Map(bank.grids.map((g) => [g.id, g]));
  let seq = 0;
  for (const c of bank.customers) {
    if (!rng.chance(OWNER_SHARE[c.type])) continue;
    const count = rng.chance(0.05) ? 2 : 1;
    for (let k = 0; k < count; k++) {
      const [industry, , ticket] = INDUSTRIES[rng.weighted(INDUSTRIES.map((x) => x[1]))];
      const grid = grids.get(c.gridId);
      const since = c.openDate > '2015-01-01' ? c.openDate : '2015-01-01';
      const sign = rng.chance(0.03) ? addDays(first, rng.int(0, daysBetween(first, end))) : addDays(since, rng.int(0, Math.max(0, daysBetween(since, first) - 1)));
      seq++;
      out.push({
        id: `898350${c.branchId.slice(2, 3)}${String(5000 + (seq % 4000)).padStart(4, '0')}${String(seq).padStart(4, '0')}`,
        // a business names its shop after itself; a person's shop gets a shop name
        name: c.type === '个人' ? shopName(rng, industry, c.name, c.town || '泉州') : c.name.replace(/^..[区市县]/, '') + (k ? '二店' : ''),
        industry, owner: c, settle: `3505${c.branchId.slice(2, 3)}1${rng.digits(11)}`, sign,
        status: rng.pickWeighted([['正常', 92], ['暂停', 4], ['注销', 4]] as const),
        point: grid ? pointInSquare(rng, grid.square) : null, gridId: c.gridId,
        managerId: c.managerId, orgId: c.orgId, terminals: Array.from({ length: rng.int(1, 3) }, () => rng.digits(8)),
        monthly: 0, openProb: rng.chance(0.6) ? 0.85 + rng.next() * 0.15 : 0.3 + rng.next() * 0.5,
        ticketFen: Math.round(ticket * (0.7 + rng.next() * 0.6) * 100), payers: [],
      });
    }
  }
  plant(bank, rng, out);
  setActivity(bank, rng, out);
  return out;
}

/**
 * A long tail: 40% nearly dormant, the rest log-normal, scaled so the month up to endDate holds
 * about the scale's row count whatever the statuses, signing dates and planted merchants drawn.
 */
function setActivity(bank: Bank, rng: Rng, merchants: Merchant[]): void {
  const first = monthStart(bank.endDate);
  const fullMonth = daysBetween(first, monthEnd(bank.endDate)) + 1;
  const raw = merchants.map((m) => (m.anomaly ? 0 : rng.chance(0.4) ? -rng.int(0, 40) : rng.logNormal(1, 1.3)));
  const trading = merchants.map((m) => {
    const status = m.status === '正常' ? 1 : m.status === '暂停' ? 0.1 : 0;
    return (status * (daysBetween(m.sign > first ? m.sign : first, bank.endDate) + 1)) / fullMonth;
  });
  let tiny = 0;
  let weight = 0;
  raw.forEach((x, i) => (x <= 0 ? (tiny -= x * trading[i]) : (weight += x * trading[i])));
  const planted = merchants.filter((m) => m.anomaly).length * 200;
  const target = (bank.params.acqRows * (daysBetween(first, bank.endDate) + 1)) / fullMonth;
  const k = Math.max(0, target - tiny - planted) / Math.max(weight, 1e-9);
  const tokenOf = new Map<number, string>();
  const bankPayers = bank.customers.filter((c) => bank.debitCards[c.seq] > 0);
  merchants.forEach((m, i) => {
    const status = m.status === '正常' ? 1 : m.status === '暂停' ? 0.1 : 0;
    m.monthly = m.anomaly ? 0 : (raw[i] <= 0 ? -raw[i] : raw[i] * k) * status;
    const size = m.anomaly ? 60 : Math.max(2, Math.min(5000, Math.round(m.monthly * (0.1 + rng.next() * 0.4))));
    for (let j = 0; j < size; j++) {
      if (bankPayers.length && rng.chance(0.3)) {
        const c = bankPayers[rng.int(0, bankPayers.length - 1)];
        let t = tokenOf.get(c.seq);
        if (!t) tokenOf.set(c.seq, (t = payerToken(debitCardNo(c.seq, 0))));
        m.payers.push(t);
      } else m.payers.push(randomToken(rng));
    }
  });
}

const NOTES: Record<MerchantAnomaly, string> = {
  few_payers: '刚过高质量门槛（活跃天数、笔数、付款人数），交易金额主要来自3个付款方',
  round_amounts: '交易金额大多为整百整千的重复金额',
  night_burst: '多个夜间01:00–05:00时段数分钟内连续小额交易',
  owner_pays: '付款方为商户法人本人的借记卡（付款方标识 = SHA-256(卡号) 前16位大写）',
  split_burst: '同一付款方数分钟内拆分多笔小额支付，合计为整数金额',
};

const RULE_OF: Record<MerchantAnomaly, RuleId> = {
  few_payers: 'merchant.few_payers', round_amounts: 'merchant.round_amounts', night_burst: 'merchant.night', owner_pays: 'merchant.self_paid', split_burst: 'merchant.split_bursts',
};

function plant(bank: Bank, rng: Rng, merchants: Merchant[]): void {
  const first = monthStart(bank.endDate);
  const candidates = rng.shuffle(merchants.filter((m) => m.status === '正常' && m.sign < first));
  const kinds: MerchantAnomaly[] = ['few_payers', 'few_payers', 'round_amounts', 'round_amounts', 'night_burst', 'night_burst', 'owner_pays', 'owner_pays', 'split_burst'];
  kinds.forEach((kind, i) => {
    const m = candidates[i];
    if (!m) return;
    m.anomaly = kind;
    m.openProb = 0.9;
    if (kind === 'owner_pays' && !bank.debitCards[m.owner.seq]) bank.debitCards[m.owner.seq] = 1;
    const keys: Record<string, string> = { merchant_id: m.id, owner_cust_id: m.owner.id, manager_id: m.managerId };
    if (kind === 'owner_pays') keys.payer = payerToken(debitCardNo(m.owner.seq, 0));
    bank.labels.push({ model: 'merchant', kind, keys, note: NOTES[kind], rule: RULE_OF[kind], subjects: [{ type: 'merchant', id: m.id, period: first.slice(0, 7) }] });
  });
}

const HEADER = ['merchant_id', 'name', 'industry', 'owner_cust_id', 'settle_acct', 'sign_date', 'status', 'lng', 'lat', 'grid_id', 'manager_id', 'org_id'];

export function writeMerchants(merchants: Merchant[], path: string): number {
  const w = new DelimitedWriter(path, HEADER);
  for (const m of merchants) {
    const p = m.point ? exported(m.point) : null;
    w.write([m.id, m.name, m.industry, m.owner.id, m.settle, m.sign, m.status, p?.[0], p?.[1], m.gridId, m.managerId, m.orgId]);
  }
  w.close();
  return w.rows;
}
