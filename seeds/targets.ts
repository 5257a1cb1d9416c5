// 考核目标 for the month of endDate, per 支行 and per 客户经理, set around what each will reach
// so the assessment shows a spread of completion rates (some under 60%, some over 120%).

import type { Bank } from './model.js';
import { BRANCHES } from './orgs.js';
import type { Rng } from './rng.js';
import { writeXlsx } from './xlsx.js';

export interface TargetInputs {
  merchantsByBranch: Map<string, number>;
  visitedByManager: Map<string, number>;
}

export async function writeTargets(bank: Bank, rng: Rng, inputs: TargetInputs, path: string): Promise<number> {
  const period = bank.endDate.slice(0, 7);
  const rows: (string | number)[][] = [];
  const factor = () => 0.7 + rng.next() * 0.7;
  const wan = (fen: number) => Math.max(10_000, Math.round((fen / 100) * factor() / 10_000) * 10_000);
  const count = (n: number) => Math.max(1, Math.round(n * factor()));
  const managers = [...bank.managersByBranch.values()].flat();
  for (const b of BRANCHES) {
    const mine = managers.filter((m) => m.branchId === b.id);
    const dep = mine.reduce((s, m) => s + (bank.depositAvgByManager.get(m.id) ?? 0), 0);
    const loan = mine.reduce((s, m) => s + (bank.loanBalanceByManager.get(m.id) ?? 0), 0);
    const visits = mine.reduce((s, m) => s + (inputs.visitedByManager.get(m.id) ?? 0), 0);
    rows.push([period, '机构', b.id, '存款日均', wan(dep)]);
    rows.push([period, '机构', b.id, '贷款余额', wan(loan)]);
    rows.push([period, '机构', b.id, '有效商户', count((inputs.merchantsByBranch.get(b.id) ?? 0) * 0.5)]);
    rows.push([period, '机构', b.id, '走访户数', count(visits)]);
  }
  for (const m of managers) {
    rows.push([period, '员工', m.id, '存款日均', wan(bank.depositAvgByManager.get(m.id) ?? 0)]);
    rows.push([period, '员工', m.id, '贷款余额', wan(bank.loanBalanceByManager.get(m.id) ?? 0)]);
    rows.push([period, '员工', m.id, '走访户数', count(inputs.visitedByManager.get(m.id) ?? 0)]);
  }
  await writeXlsx(path, '考核目标', ['考核期', '对象类型', '对象编号', '指标', '目标值'], rows, { date: bank.endDate });
  return rows.length;
}
