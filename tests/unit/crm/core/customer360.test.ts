import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../../electron/core/db/connection.js';
import { customer360 } from '../../../../electron/core/crm/customer360.js';
import { quickCheck } from '../../../../electron/core/crm/quick-check.js';
import { D, HELD_AT_D, tempBank } from './bank.js';
import { wholeBankScope } from '../../../../electron/core/scope/index.js';
const ALL = wholeBankScope();

let bank: ReturnType<typeof tempBank>;
let db: Db;
beforeAll(() => {
  bank = tempBank();
  db = bank.db;
});
afterAll(() => bank.close());

describe('customer360', () => {
  it('masks identity unless revealed', () => {
    const masked = customer360(db, 'C01', ALL, { date: D, reveal: false })!;
    expect(masked.identity).toEqual({
      custId: 'C01', name: '张*英', custType: '个人', idType: '身份证', idNo: '350502********1234', phone: '138****0001',
      address: '福建省泉州市****', gender: '女', birthDate: '1990', masked: true,
    });
    expect(masked.manager).toEqual({ id: 'S1', name: '陈明', phone: '139****0001' });
    expect(masked.referrals).toEqual({
      referredBy: [{ custId: 'C02', name: '张*', date: '2023-01-01' }],
      referred: [
        { custId: 'C404', name: '（非本行客户）', date: null },
        { custId: 'C03', name: '林*明', date: '2024-02-02' },
      ],
    });
    const open = customer360(db, 'C01', ALL, { date: D, reveal: true })!;
    expect(open.identity).toMatchObject({ name: '张秀英', idNo: '350502199001011234', phone: '13800000001', address: '福建省泉州市鲤城区开元街道1号', birthDate: '1990-01-01', masked: false });
    expect(open.manager!.phone).toBe('13905950001');
    expect(open.referrals.referredBy[0].name).toBe('张三');
    expect(JSON.stringify(masked)).not.toMatch(/张秀英|13800000001|199001011234|开元街道/);
    expect(customer360(db, 'C06', ALL, { date: D, reveal: false })!.identity.name).toBe('泉州****有限公司');
  });

  it('shows the holdings, star and figures in 元', () => {
    const v = customer360(db, 'C01', ALL, { date: D, reveal: false })!;
    expect(v.date).toBe(D);
    expect(v.star).toBe(2);
    expect(v.avgAssets).toBe(10_000);
    expect(v.coverage).toBe(HELD_AT_D.C01.length);
    expect(v.items.filter((i) => i.held).map((i) => i.id)).toEqual(HELD_AT_D.C01);
    expect(v.org).toEqual({ id: 'B1', name: '鲤城支行' });
    expect(v.grid).toEqual({ id: 'G1', name: '开元社区' });
    // the 07-08 snapshot: A02 is there, 销户, with 0
    expect(v.deposits).toEqual([
      { acctNo: 'A01', kind: '活期', balance: 8_000, status: '正常', openDate: '2019-03-02', maturityDate: null },
      { acctNo: 'A02', kind: '定期', balance: 0, status: '销户', openDate: '2020-01-01', maturityDate: null },
    ]);
    // every bank snapshot of the 90 days to D; 07-12 is after D
    expect(v.depositTrend).toEqual([
      { date: '2024-06-28', balance: 8_000 },
      { date: '2024-07-03', balance: 12_000 },
      { date: '2024-07-08', balance: 8_000 },
    ]);
    expect(v.cards).toEqual([
      { cardNoMasked: '621700******0001', cardType: '借记卡', status: '正常', issueDate: '2019-03-02', activateDate: null },
      { cardNoMasked: '621700******0002', cardType: '贷记卡', status: '挂失', issueDate: '2021-01-01', activateDate: null },
    ]);
    expect(JSON.stringify(v)).not.toMatch(/hash-/);
    expect(v.signings.map((s) => s.signNo)).toEqual(['SG01']);
    expect(v.visits.map((x) => [x.visitId, x.staffName])).toEqual([
      ['V2', '林芳'],
      ['V3', null],
      ['V1', '陈明'],
    ]);
    expect(v.recommendations.map((r) => r.item)).toEqual([10]);
  });

  it('lists loans of the latest loan snapshot and owned merchants', () => {
    const c04 = customer360(db, 'C04', ALL, { date: D, reveal: false })!;
    expect(c04.loans).toEqual([
      { loanNo: 'L2', product: '经营贷', guarantee: '保证', balance: 0, amount: 10_000, class5: '正常', overdueDays: 0, issueDate: '2023-06-01', maturityDate: null },
    ]);
    expect(c04.merchants).toEqual([{ merchantId: 'M2', name: '欧阳五金店', status: '注销', signDate: '2020-01-01' }]);
    expect(c04.depositTrend).toEqual([
      { date: '2024-06-28', balance: 0 },
      { date: '2024-07-03', balance: 0 },
      { date: '2024-07-08', balance: 0 },
    ]);
    const c09 = customer360(db, 'C09', ALL, { date: D, reveal: false })!;
    expect(c09.avgAssets).toBe(561_000);
    expect(c09.star).toBe(5);
    expect(c09.depositTrend.map((t) => t.balance)).toEqual([1_000, 701_000, 701_000]);
  });

  it('is null for an unknown customer and defaults to the latest data date', () => {
    expect(customer360(db, 'C404', ALL, { reveal: false })).toBeNull();
    expect(customer360(db, 'CX', ALL, { reveal: true })).toBeNull(); // has records, but no customer row
    expect(customer360(db, 'C01', ALL, { reveal: false })!.date).toBe('2024-07-12');
  });
});

describe('quickCheck', () => {
  it('is compact and masked', () => {
    const q = quickCheck(db, 'C01', ALL, { date: D })!;
    expect(q).toMatchObject({ date: D, custId: 'C01', name: '张*英', star: 2, coverage: 3, managerName: '陈明', orgName: '鲤城支行' });
    expect(q.held.map((i) => i.id)).toEqual([1, 7, 15]);
    expect(q.missing).toHaveLength(15);
    expect(q.held[0]).toEqual({ id: 1, name: '活期存款', group: '存' });
    expect(JSON.stringify(q)).not.toMatch(/张秀英|13800000001/);
    expect(quickCheck(db, 'C08', ALL, { date: D })).toMatchObject({ coverage: 0, held: [], managerName: null });
    expect(quickCheck(db, 'nobody', ALL)).toBeNull();
  });
});
