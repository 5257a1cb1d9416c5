// 走访记录 (some prospects with no 客户号) and 转介绍 (1+N: a few referrers bring several).

import { addDays, compact, dayRange, monthStart, timestamp } from './dates.js';
import { exported, pointInSquare, round6 } from './geo.js';
import { groupBy } from './group.js';
import type { Bank, Customer } from './model.js';
import { personName } from './names.js';
import type { Rng } from './rng.js';
import { DelimitedWriter } from './writers.js';

/** the 18 basic business items of DATA.md, as visit records name what was recommended */
export const ITEMS = ['活期存款', '定期存款/大额存单', '理财', '授信签约', '贷款用信', '线上信用贷', '借记卡', '社保卡', '贷记卡', '手机银行', '微信银行绑卡', '微信支付绑卡', '支付宝/云闪付绑卡', '收单商户', '代发工资/养老金', '水费代扣', '电费代扣', '社保/医保代缴'];

const NOTES = [
  '客户在家，介绍了手机银行和社保卡功能',
  '客户表示近期有资金需求，约下周再谈',
  '店主忙，留了宣传单,下次再访',
  '客户说"先考虑一下"',
  '已帮客户现场激活社保卡',
  '客户对利率有疑问，已解释',
  '走访时客户不在，邻居代收资料',
  '家中老人提出代发养老金需求\n需子女陪同办理',
  '',
  '',
];

export function writeVisits(bank: Bank, rng: Rng, path: string): { rows: number; visitsByManager: Map<string, number> } {
  const end = bank.endDate;
  const days = dayRange(monthStart(end), end);
  const w = new DelimitedWriter(path, ['走访编号', '走访时间', '走访人员号', '客户号', '走访对象', '网格编号', '经度', '纬度', '走访方式', '走访结果', '推荐产品', '备注'], { bom: true, crlf: true });
  const byManager = groupBy(bank.customers, (c) => c.managerId);
  const gridsByOwner = groupBy(bank.grids, (g) => g.ownerId);
  const grids = new Map(bank.grids.map((g) => [g.id, g]));
  const records = new Map<string, number>();
  let seq = 0;
  const visitors = bank.staff.filter((s) => s.post === '客户经理' || s.post === '大堂经理' || s.post === '金融助理');
  for (const s of visitors) {
    const n = s.post === '客户经理' ? Math.round(bank.params.visitsPerManager * (0.3 + rng.next() * 1.4)) : rng.int(0, 8);
    const mine = byManager.get(s.id) ?? bank.customers.filter((c) => c.orgId === s.orgId).slice(0, 200);
    for (let i = 0; i < n; i++) {
      const day = rng.pick(days);
      const prospect = rng.chance(0.12) || mine.length === 0;
      const c = prospect ? undefined : rng.pick(mine);
      const grid = c ? grids.get(c.gridId) : rng.pick(gridsByOwner.get(s.id) ?? bank.grids.filter((g) => g.branchId === s.branchId));
      const method = s.post === '客户经理' ? rng.pickWeighted([['上门', 50], ['电话', 20], ['微信', 20], ['厅堂', 10]] as const) : '厅堂';
      const result = rng.pickWeighted([['有意向', 30], ['已办理', 20], ['无需求', 35], ['未遇', method === '上门' ? 15 : 0]] as const);
      const drawn = method === '上门' ? (c?.point ? [round6(c.point[0] + (rng.next() - 0.5) * 0.0004), round6(c.point[1] + (rng.next() - 0.5) * 0.0004)] as const : grid ? pointInSquare(rng, grid.square) : null) : null;
      const p = drawn ? exported(drawn) : null;
      const products = rng.shuffle([...ITEMS]).slice(0, rng.int(1, 3)).join(';');
      w.write([
        `ZF${compact(day)}${String(++seq).padStart(6, '0')}`, timestamp(day, rng.int(8 * 3600, 19 * 3600)), s.id, c?.id ?? '',
        c ? c.name : personName(rng, rng.chance(0.5)), method === '上门' ? (grid?.id ?? '') : c?.gridId ?? '', p?.[0], p?.[1],
        method, result, products, rng.pick(NOTES),
      ]);
    }
    records.set(s.id, n);
  }
  w.close();
  return { rows: w.rows, visitsByManager: records };
}

export function writeReferrals(bank: Bank, rng: Rng, path: string): number {
  const w = new DelimitedWriter(path, ['推荐人客户号', '被推荐客户号', '推荐日期', '业务类型'], { delimiter: ';' });
  const byBranch = groupBy(bank.customers, (c) => c.branchId);
  const recent = (c: Customer) => c.openDate > addDays(bank.endDate, -365);
  for (const c of bank.customers) {
    if (!rng.chance(0.02)) continue;
    const n = rng.chance(0.7) ? 1 : rng.int(2, 8);
    const pool = byBranch.get(c.branchId)!.filter((x) => x.id !== c.id);
    const done = new Set<string>();
    for (let i = 0; i < n; i++) {
      const r = rng.pick(pool);
      if (done.has(r.id)) continue;
      done.add(r.id);
      const date = recent(r) ? r.openDate : addDays(bank.endDate, -rng.int(0, 360));
      w.write([c.id, r.id, date, rng.pick(['开卡', '手机银行', '存款', '贷款', '收单商户', '社保卡'])]);
    }
  }
  w.close();
  return w.rows;
}
