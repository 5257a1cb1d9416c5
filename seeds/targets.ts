// 考核目标 for the month of endDate, per 支行 and per 客户经理, set around what each will reach
// so the assessment shows a spread of completion rates (some under 60%, some over 120%).
//
// 指标 are DATA.md's target-table names (各项贷款余额, 有效商户数, 走访次数 …), so every indicator of the
// default scheme has a target on a 支行's sheet; 走访次数 counts visit records, not households.
// The indicators added after the first four draw from a stream of their own ('target-extra'), so
// the earlier targets keep their values. Their bases are rough estimates from what the generator
// planned (the files are the truth; the assessment reads those), which is all a spread needs.

import type { CardPlan } from './cards.js';
import type { Merchant } from './merchants.js';
import type { Bank } from './model.js';
import { BRANCHES } from './orgs.js';
import { Rng } from './rng.js';
import { writeXlsx } from './xlsx.js';

export interface TargetInputs {
  merchants: readonly Merchant[];
  /** visit records per 走访人员号 (visits.ts) */
  visitsByManager: Map<string, number>;
  cardPlan: CardPlan;
}

/** a merchant the generator made busy enough to be 高质量 (≥ 20 active days and ≥ 100 transactions of 31 days) */
const busy = (m: Merchant) => m.status === '正常' && m.monthly >= 100 && m.openProb * 31 >= 20;

export async function writeTargets(bank: Bank, rng: Rng, inputs: TargetInputs, path: string): Promise<number> {
  const period = bank.endDate.slice(0, 7);
  const rows: (string | number)[][] = [];
  const extra = new Rng(bank.seed, 'target-extra');
  const factor = () => 0.7 + rng.next() * 0.7;
  const wan = (fen: number) => Math.max(10_000, Math.round((fen / 100) * factor() / 10_000) * 10_000);
  const count = (n: number) => Math.max(1, Math.round(n * factor()));
  const countExtra = (n: number) => Math.max(1, Math.round(n * (0.7 + extra.next() * 0.7)));
  const managers = [...bank.managersByBranch.values()].flat();
  const perBranch = <T>(items: readonly T[], branchOf: (x: T) => string, keep: (x: T) => boolean = () => true) => {
    const out = new Map<string, number>();
    for (const x of items) if (keep(x)) out.set(branchOf(x), (out.get(branchOf(x)) ?? 0) + 1);
    return out;
  };
  const signed = perBranch(inputs.merchants, (m) => m.owner.branchId, (m) => m.status === '正常');
  const highQuality = perBranch(inputs.merchants, (m) => m.owner.branchId, busy);
  const customers = perBranch(bank.customers, (c) => c.branchId);
  const creditHolders = perBranch(bank.customers, (c) => c.branchId, (c) => inputs.cardPlan.creditCount[c.seq] === 1 || inputs.cardPlan.credit.has(c.seq));
  for (const b of BRANCHES) {
    const mine = managers.filter((m) => m.branchId === b.id);
    const dep = mine.reduce((s, m) => s + (bank.depositAvgByManager.get(m.id) ?? 0), 0);
    const loan = mine.reduce((s, m) => s + (bank.loanBalanceByManager.get(m.id) ?? 0), 0);
    const visits = mine.reduce((s, m) => s + (inputs.visitsByManager.get(m.id) ?? 0), 0);
    rows.push([period, '机构', b.id, '存款日均', wan(dep)]);
    rows.push([period, '机构', b.id, '各项贷款余额', wan(loan)]);
    rows.push([period, '机构', b.id, '有效商户数', count((signed.get(b.id) ?? 0) * 0.5)]);
    rows.push([period, '机构', b.id, '走访次数', count(visits)]);
    rows.push([period, '机构', b.id, '高质量商户数', countExtra(highQuality.get(b.id) ?? 0)]);
    // most customers use one of the counted signings within 90 days (signings.ts coverage): about 3 in 4
    rows.push([period, '机构', b.id, '中间业务有效客户', countExtra((customers.get(b.id) ?? 0) * 0.75)]);
    // 销卡 is about 7% of the cards written (cards.ts)
    rows.push([period, '机构', b.id, '贷记卡发卡量', countExtra((creditHolders.get(b.id) ?? 0) * 0.93)]);
    // the generator steers 不良 to about 2.8% of the balance; targets from 2.4% to 3.6%, in 0.1 points
    rows.push([period, '机构', b.id, '不良贷款率', (24 + extra.int(0, 12)) / 1000]);
  }
  for (const m of managers) {
    rows.push([period, '员工', m.id, '存款日均', wan(bank.depositAvgByManager.get(m.id) ?? 0)]);
    rows.push([period, '员工', m.id, '各项贷款余额', wan(bank.loanBalanceByManager.get(m.id) ?? 0)]);
    rows.push([period, '员工', m.id, '走访次数', count(inputs.visitsByManager.get(m.id) ?? 0)]);
  }
  await writeXlsx(path, '考核目标', ['考核期', '对象类型', '对象编号', '指标', '目标值'], rows, { date: bank.endDate });
  return rows.length;
}
