// 业务签约: uneven coverage of the 18 signing types, some cancelled, with last use, device and
// marketing staff. Planted: a burst of signings by one manager on one device, never used; and
// signings cancelled within days.

import { SIGNING_TYPES } from '../shared/datasets.js';
import { addDays, compact, daysBetween, monthStart } from './dates.js';
import { groupBy } from './group.js';
import type { Bank, Customer } from './model.js';
import { plantSigningDecoy } from './decoys.js';
import { Rng } from './rng.js';
import { DelimitedWriter } from './writers.js';

type SigningType = (typeof SIGNING_TYPES)[number];

/** share of 个人 / business customers holding each type */
const COVERAGE: Record<SigningType, [number, number]> = {
  手机银行: [0.6, 0.5], 网上银行: [0.12, 0.6], 微信银行绑卡: [0.4, 0.2], 微信支付绑卡: [0.45, 0.3], 支付宝绑卡: [0.35, 0.25],
  云闪付绑卡: [0.18, 0.2], 短信提醒: [0.5, 0.6], 水费代扣: [0.06, 0.15], 电费代扣: [0.12, 0.3], 燃气费代扣: [0.04, 0.05],
  社保代缴: [0.25, 0.1], 医保代缴: [0.3, 0.1], 代发工资: [0.15, 0], 代发养老金: [0, 0], 代理保险: [0.04, 0.03],
  理财: [0.08, 0.05], ETC: [0.07, 0.1], 授信签约: [0.02, 0.05],
};
const DEDUCTION = new Set<SigningType>(['水费代扣', '电费代扣', '燃气费代扣', '社保代缴', '医保代缴', '代发工资', '代发养老金']);
const E_BANKING = new Set<SigningType>(['手机银行', '网上银行', '微信银行绑卡', '微信支付绑卡', '支付宝绑卡', '云闪付绑卡']);

const HEADER = ['签约流水号', '客户号', '业务类型', '签约日期', '解约日期', '状态', '最近使用日期', '签约设备号', '营销人员号', '所属机构号'];

export function writeSignings(bank: Bank, rng: Rng, loanCustomers: Set<number>, path: string): number {
  const end = bank.endDate;
  const w = new DelimitedWriter(path, HEADER, { delimiter: '\t' });
  const tellers = groupBy(bank.staff.filter((s) => s.post === '柜员'), (s) => s.orgId);
  let seq = 0;
  const signNo = (date: string) => `QY${compact(date)}${String(++seq).padStart(8, '0')}`;
  const padOf = (staffId: string) => `PAD${staffId.slice(1)}`;

  const row = (c: Customer, type: SigningType, sign: string, cancel: string, last: string, device: string, staffId: string): string => {
    const no = signNo(sign);
    w.write([no, c.id, type, sign, cancel, cancel ? '已解约' : '有效', last, device, staffId, c.orgId]);
    return no;
  };

  for (const c of bank.customers) {
    const person = c.type === '个人';
    const age = c.birth ? daysBetween(c.birth, end) / 365.25 : 40;
    const since = c.openDate > '2012-01-01' ? c.openDate : '2012-01-01';
    const span = daysBetween(since, end);
    for (const type of SIGNING_TYPES) {
      let p = COVERAGE[type][person ? 0 : 1];
      if (type === '代发养老金') p = person && age >= 60 ? 0.55 : 0;
      if (type === '授信签约' && loanCustomers.has(c.seq)) p = 0.8;
      if (!rng.chance(p)) continue;
      // e-banking spread is recent: draw the day nearer to endDate
      const back = E_BANKING.has(type) ? Math.floor(span * rng.next() ** 2) : rng.int(0, span);
      const sign = addDays(end, -back);
      const cancel = rng.chance(0.08) && back > 30 ? addDays(sign, rng.int(30, back)) : '';
      const until = cancel || end;
      let last = '';
      const r = rng.next();
      if (DEDUCTION.has(type)) last = r < 0.92 ? addDays(until, -rng.int(0, 31)) : '';
      else if (r < 0.82) last = addDays(until, -rng.int(0, 30));
      else if (r < 0.95) last = addDays(until, -rng.int(31, 200));
      if (last && last < sign) last = sign;
      const channel = rng.next();
      let device = '';
      let staffId = '';
      if (channel < 0.4) {
        staffId = c.managerId;
        device = padOf(staffId);
      } else if (channel < 0.7) {
        const t = tellers.get(c.orgId) ?? [];
        if (t.length) {
          staffId = rng.pick(t).id;
          device = `GM${c.orgId}${staffId.slice(-2)}`;
        }
      }
      row(c, type, sign, cancel, last, device, staffId);
    }
  }
  plant(bank, rng, row, padOf);
  // after every draw above, from a stream of its own
  plantSigningDecoy(bank, new Rng(bank.seed, 'signing-decoy'), row, tellers);
  w.close();
  return w.rows;
}

function plant(
  bank: Bank,
  rng: Rng,
  row: (c: Customer, type: SigningType, sign: string, cancel: string, last: string, device: string, staffId: string) => string,
  padOf: (staffId: string) => string,
): void {
  const end = bank.endDate;
  const managers = rng.shuffle([...bank.managersByBranch.values()].flat());
  // (a) one manager, one device, one day: a run of e-banking signings that were never used
  const m = managers[0];
  const day = addDays(end, -rng.int(35, 80));
  const custs = rng.shuffle(bank.customers.filter((c) => c.branchId === m.branchId && c.type === '个人')).slice(0, rng.int(15, 25));
  const nos = custs.map((c) => row(c, rng.pick(['手机银行', '微信银行绑卡', '云闪付绑卡'] as const), day, '', '', padOf(m.id), m.id));
  const bulk = {
    model: 'ebank', kind: 'bulk_same_device_never_used',
    keys: { staff_id: m.id, device_id: padOf(m.id), sign_date: day, cust_ids: custs.map((c) => c.id), sign_nos: nos },
    note: `同一营销人员同一设备${day}集中签约${custs.length}笔（签约流水号连续，数分钟内），签约后超过30天从未使用`,
  } as const;
  bank.labels.push({ ...bulk, rule: 'ebank.bulk_signing', subjects: [{ type: 'staff', id: m.id, period: day.slice(0, 7) }] });
  const seen = addDays(day, 30).slice(0, 7);
  bank.labels.push({ ...bulk, rule: 'ebank.never_used', subjects: nos.map((id) => ({ type: 'signing', id, period: seen })) });
  // (b) signed and cancelled within days
  const m2 = managers[1];
  const base = addDays(monthStart(end), -rng.int(5, 40));
  const custs2 = rng.shuffle(bank.customers.filter((c) => c.branchId === m2.branchId && c.type === '个人')).slice(0, 5);
  const cancelled: { id: string; period: string }[] = [];
  for (const c of custs2) {
    const sign = addDays(base, rng.int(0, 3));
    const cancel = addDays(sign, rng.int(1, 5));
    cancelled.push({ id: row(c, '手机银行', sign, cancel, '', padOf(m2.id), m2.id), period: cancel.slice(0, 7) });
  }
  bank.labels.push({
    model: 'ebank', kind: 'sign_then_cancel',
    keys: { staff_id: m2.id, cust_ids: custs2.map((c) => c.id), sign_nos: cancelled.map((x) => x.id) },
    note: '手机银行签约后1–5天内解约',
    rule: 'ebank.sign_cancel', subjects: cancelled.map((x) => ({ type: 'signing', id: x.id, period: x.period })),
  });
}
