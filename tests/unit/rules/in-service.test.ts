// One definition of "current / active / in service" per dataset (electron/core/rules/in-service.ts):
// its SQL and JS halves agree on every status value and on an empty one, and the figures
// (metrics) and both readings of the 18 items (set-wise customer_holding, per-customer
// customerItems) follow it. The expected answers are DATA.md's, written out by hand below.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inService, inServiceSql } from '../../../electron/core/rules/in-service.js';
import { computeOrgStats } from '../../../electron/core/metrics/stats.js';
import { customerItems, ensureHoldings } from '../../../electron/core/crm/holdings.js';
import { wholeBankScope } from '../../../electron/core/scope/index.js';
import { insertRows, tempDb } from '../metrics/bank.js';

const D = '2024-07-31';
let t: ReturnType<typeof tempDb>;
beforeEach(() => {
  t = tempDb();
});
afterEach(() => t.close());

/** Runs the SQL fragment over the rows (in a table of the dataset) and returns the ids it keeps. */
function keptBySql(table: string, idCol: string, where: string): string[] {
  return (t.db.prepare(`SELECT ${idCol} FROM ${table} a WHERE ${where} ORDER BY ${idCol}`).pluck().all({ date: D }) as string[]).sort();
}

describe('SQL and JS halves agree, and an empty status is decided as DATA.md says', () => {
  it('deposit: every 账户状态 but 销户 is current, an empty one too', () => {
    const rows = [['正常', 'A1'], ['冻结', 'A2'], ['久悬', 'A3'], ['销户', 'A4'], [null, 'A5']] as const;
    insertRows(t.db, 'deposit', rows.map(([status, acct]) => ({ data_date: D, acct_no: acct, cust_id: 'C', balance: 1, status })));
    const js = rows.filter(([status]) => inService.deposit({ status })).map(([, id]) => id);
    expect(js).toEqual(['A1', 'A2', 'A3', 'A5']);
    expect(keptBySql('deposit', 'acct_no', inServiceSql.deposit('a'))).toEqual(js);
  });

  it('card: only 卡状态 正常; an empty 卡状态 is not', () => {
    const rows = [['正常', 'K1'], ['未激活', 'K2'], ['挂失', 'K3'], ['销卡', 'K4'], [null, 'K5']] as const;
    insertRows(t.db, 'card', rows.map(([status, no]) => ({ card_no: no, cust_id: 'C', card_type: '借记卡', issue_date: '2024-01-01', status })));
    const js = rows.filter(([status]) => inService.card({ status })).map(([, id]) => id);
    expect(js).toEqual(['K1']);
    expect(keptBySql('card', 'card_no', inServiceSql.card('a'))).toEqual(js);
  });

  it('signing: 状态 有效, signed on or before the date, not cancelled on or before it; an empty 状态 is not 有效', () => {
    const rows = [
      ['S1', '有效', '2024-01-01', null], // active
      ['S2', '有效', D, null], // signed on the date: active
      ['S3', '有效', '2024-08-01', null], // signed after
      ['S4', '有效', '2024-01-01', D], // cancelled on the date
      ['S5', '有效', '2024-01-01', '2024-08-01'], // cancelled after the date: still active
      ['S6', '已解约', '2024-01-01', null],
      ['S7', null, '2024-01-01', null], // empty 状态
    ] as const;
    insertRows(t.db, 'signing', rows.map(([no, status, sign, cancel]) => ({ sign_no: no, cust_id: 'C', biz_type: '手机银行', sign_date: sign, cancel_date: cancel, status })));
    const js = rows.filter(([, status, sign_date, cancel_date]) => inService.signing({ status, sign_date, cancel_date }, D)).map(([id]) => id);
    expect(js).toEqual(['S1', 'S2', 'S5']);
    expect(keptBySql('signing', 'sign_no', inServiceSql.signing('a', '@date'))).toEqual(js);
  });

  it('merchant: 状态 正常 and signed on or before the date (no 签约日期: signed); an empty 状态 is not 正常', () => {
    const rows = [
      ['M1', '正常', '2024-01-01'],
      ['M2', '正常', null],
      ['M3', '正常', '2024-08-01'],
      ['M4', '暂停', '2024-01-01'],
      ['M5', '注销', '2024-01-01'],
      ['M6', null, '2024-01-01'],
      ['M7', null, null],
    ] as const;
    insertRows(t.db, 'merchant', rows.map(([id, status, sign]) => ({ merchant_id: id, name: id, status, sign_date: sign })));
    const js = rows.filter(([, status, sign_date]) => inService.merchant({ status, sign_date }, D)).map(([id]) => id);
    expect(js).toEqual(['M1', 'M2']);
    expect(keptBySql('merchant', 'merchant_id', inServiceSql.merchant('a', '@date'))).toEqual(js);
  });

  it('customer: on the books when opened on or before the date, or with no 建档日期', () => {
    const rows = [['C1', '2024-01-01'], ['C2', D], ['C3', '2024-08-01'], ['C4', null]] as const;
    insertRows(t.db, 'customer', rows.map(([id, open]) => ({ cust_id: id, name: id, org_id: 'B', open_date: open })));
    const js = rows.filter(([, open_date]) => inService.customer({ open_date }, D)).map(([id]) => id);
    expect(js).toEqual(['C1', 'C2', 'C4']);
    expect(keptBySql('customer', 'cust_id', inServiceSql.customer('a', '@date'))).toEqual(js);
  });
});

describe('the figures and the 18 items read the same rule (an empty status in each dataset)', () => {
  // One branch B; each customer has one row of one dataset, half with the status that counts and
  // half with an empty one. Item ids are the default catalog's (DATA.md): 1 活期存款, 4 授信签约,
  // 5 贷款用信, 7 借记卡, 10 手机银行, 14 收单商户.
  beforeEach(() => {
    insertRows(t.db, 'org', [{ org_id: 'B', name: '支行', parent_id: null, level: '总行' }]);
    const custs = ['DEP_OK', 'DEP_EMPTY', 'LOAN', 'CARD_OK', 'CARD_EMPTY', 'SIGN_OK', 'SIGN_EMPTY', 'MER_OK', 'MER_EMPTY'];
    insertRows(t.db, 'customer', custs.map((c) => ({ cust_id: c, name: c, org_id: 'B', open_date: '2024-01-01' })));
    insertRows(t.db, 'deposit', [
      { data_date: D, acct_no: 'A1', cust_id: 'DEP_OK', kind: '活期', balance: 10_000, status: '正常' },
      { data_date: D, acct_no: 'A2', cust_id: 'DEP_EMPTY', kind: '活期', balance: 20_000, status: null },
    ]);
    insertRows(t.db, 'loan', [{ data_date: D, loan_no: 'L1', cust_id: 'LOAN', issue_date: '2024-01-01', amount: 500, balance: 300 }]);
    insertRows(t.db, 'card', [
      { card_no: 'K1', cust_id: 'CARD_OK', card_type: '借记卡', issue_date: '2024-01-01', status: '正常' },
      { card_no: 'K2', cust_id: 'CARD_EMPTY', card_type: '借记卡', issue_date: '2024-01-01', status: null },
    ]);
    insertRows(t.db, 'signing', [
      { sign_no: 'S1', cust_id: 'SIGN_OK', biz_type: '手机银行', sign_date: '2024-01-01', status: '有效' },
      { sign_no: 'S2', cust_id: 'SIGN_EMPTY', biz_type: '手机银行', sign_date: '2024-01-01', status: null },
    ]);
    insertRows(t.db, 'merchant', [
      { merchant_id: 'M1', name: '有状态', owner_cust_id: 'MER_OK', org_id: 'B', status: '正常', sign_date: '2024-01-01' },
      { merchant_id: 'M2', name: '无状态', owner_cust_id: 'MER_EMPTY', org_id: 'B', status: null, sign_date: '2024-01-01' },
    ]);
  });

  const HELD: Record<string, number[]> = {
    DEP_OK: [1],
    DEP_EMPTY: [1], // not 销户: current
    LOAN: [4, 5], // in the latest loan snapshot, balance > 0
    CARD_OK: [7],
    CARD_EMPTY: [],
    SIGN_OK: [10],
    SIGN_EMPTY: [],
    MER_OK: [14],
    MER_EMPTY: [],
  };

  it('customer_holding (set-wise) and customerItems (per customer) hold the same items', () => {
    ensureHoldings(t.db, D);
    const masks = new Map(t.db.prepare('SELECT cust_id, mask FROM customer_holding WHERE data_date = ?').raw(true).all(D) as [string, number][]);
    for (const [cust, ids] of Object.entries(HELD)) {
      const fromMask = Array.from({ length: 18 }, (_, i) => i + 1).filter((id) => masks.get(cust)! & (1 << (id - 1)));
      const perCustomer = customerItems(t.db, cust, D).filter((i) => i.held).map((i) => i.id);
      expect({ cust, fromMask }).toEqual({ cust, fromMask: ids });
      expect({ cust, perCustomer }).toEqual({ cust, perCustomer: ids });
    }
  });

  it('a customer opened after the date is in no holding of that date (gap list, coverage), as in the customer count', () => {
    // LATE opens the day after D: DATA.md counts it from its 建档日期 on, so neither 客户数 nor the
    // 18-item holdings of D (which the gap list and coverage read) may include it
    insertRows(t.db, 'customer', [{ cust_id: 'LATE', name: 'LATE', org_id: 'B', open_date: '2024-08-01' }]);
    ensureHoldings(t.db, D);
    const held = t.db.prepare('SELECT cust_id FROM customer_holding WHERE data_date = ? ORDER BY cust_id').pluck().all(D);
    expect(held).toEqual(Object.keys(HELD).sort());
    expect(computeOrgStats(t.db, D, wholeBankScope()).orgs.find((o) => o.org_id === 'B')!.customers).toBe(9);
  });

  it('the figures count exactly the rows the items count: 商户数 1 (M1), deposits of both accounts', () => {
    const b = computeOrgStats(t.db, D, wholeBankScope()).orgs.find((o) => o.org_id === 'B')!;
    // merchants in service: M1 only, the one whose owner holds item 14
    expect(b.merchants).toBe(1);
    // Σ 账户余额 of the snapshot: 10,000 + 20,000 分 = 300 元 (the empty-status account is current)
    expect(b.deposit_balance).toBe(300);
    expect(b.loan_balance).toBe(3);
    expect(b.customers).toBe(9);
  });
});
