// A small bank built by hand for the customer-core tests, independent of the seed generator.
// Every expectation in the tests is worked out from the rows written here; read them together.
//
// As of D = 2024-07-10:
//   deposit snapshots 06-28, 07-03, 07-08, 07-12 → latest ≤ D is 07-08; the month's days
//     Jul 1–2 use 06-28 (2 days), Jul 3–7 use 07-03 (5 days), Jul 8–10 use 07-08 (3 days); ÷ 10
//   loan snapshots 06-30, 07-05, 07-15 → latest ≤ D is 07-05
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDb, type Db } from '../../../../electron/core/db/connection.js';

export const D = '2024-07-10';
export const SNAPS = ['2024-06-28', '2024-07-03', '2024-07-08', '2024-07-12'] as const;

export function tempBank(): { db: Db; dir: string; file: string; close: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-core-'));
  const file = path.join(dir, 'bank.sqlite');
  const db = openDb(file);
  buildBank(db);
  return { db, dir, file, close: () => { db.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
}

function insert(db: Db, table: string, rows: Record<string, unknown>[]): void {
  for (const r of rows) {
    const cols = Object.keys(r);
    db.prepare(`INSERT INTO ${table} (${cols.join(',')}) VALUES (${cols.map(() => '?').join(',')})`).run(...cols.map((c) => r[c]));
  }
}

type Acct = { acct: string; cust: string; kind: string; open: string | null; status?: Record<string, string> };
export const ACCOUNTS: Acct[] = [
  { acct: 'A01', cust: 'C01', kind: '活期', open: '2019-03-02' },
  { acct: 'A02', cust: 'C01', kind: '定期', open: '2020-01-01', status: { '2024-07-08': '销户', '2024-07-12': '销户' } },
  { acct: 'B01', cust: 'C02', kind: '活期', open: '2021-06-01' },
  { acct: 'B02', cust: 'C03', kind: '活期', open: null, status: { '2024-07-08': '冻结' } },
  { acct: 'G01', cust: 'C07', kind: '保证金', open: '2022-02-02' },
  { acct: 'D01', cust: 'C09', kind: '活期', open: '2018-05-05' },
  { acct: 'D02', cust: 'C09', kind: '大额存单', open: '2024-07-02' },
  { acct: 'X01', cust: 'CX', kind: '活期', open: '2020-01-01' }, // a customer the customer file does not know
];

/** balance in 分 per snapshot; a missing entry = no row that day */
export const BALANCES: Record<string, Record<string, number>> = {
  A01: { '2024-06-28': 800_000, '2024-07-03': 1_200_000, '2024-07-08': 800_000, '2024-07-12': 90_000_000 },
  A02: { '2024-06-28': 0, '2024-07-03': 0, '2024-07-08': 0, '2024-07-12': 0 },
  B01: { '2024-06-28': 5_000_000, '2024-07-03': 5_000_000, '2024-07-08': 5_000_000 },
  B02: { '2024-06-28': 1_000_000, '2024-07-03': 1_000_000, '2024-07-08': 999_998 },
  G01: { '2024-06-28': 20_000_000, '2024-07-03': 20_000_000, '2024-07-08': 20_000_000 },
  D01: { '2024-06-28': 100_000, '2024-07-03': 100_000, '2024-07-08': 100_000, '2024-07-12': 100_000 },
  D02: { '2024-07-03': 70_000_000, '2024-07-08': 70_000_000, '2024-07-12': 99_000_000_000 },
  X01: { '2024-06-28': 5, '2024-07-08': 5 },
};

export function buildBank(db: Db): void {
  db.transaction(() => {
    insert(db, 'org', [
      { org_id: 'H', name: '总行', level: '总行' },
      { org_id: 'B1', name: '鲤城支行', parent_id: 'H', level: '支行' },
    ]);
    insert(db, 'staff', [
      { staff_id: 'S1', name: '陈明', org_id: 'B1', post: '客户经理', phone: '13905950001' },
      { staff_id: 'S2', name: '林芳', org_id: 'B1', post: '客户经理', phone: '13905950002' },
    ]);
    insert(db, 'grid', [{ grid_id: 'G1', name: '开元社区', org_id: 'B1', geometry: '{}' }]);
    const cust = (id: string, name: string, type: string, extra: Record<string, unknown> = {}) => ({ cust_id: id, name, cust_type: type, org_id: 'B1', manager_id: 'S1', ...extra });
    insert(db, 'customer', [
      cust('C01', '张秀英', '个人', {
        id_type: '身份证', id_no: '350502199001011234', phone: '13800000001', address: '福建省泉州市鲤城区开元街道1号', gender: '女', birth_date: '1990-01-01', grid_id: 'G1',
      }),
      cust('C02', '张三', '个体工商户'),
      cust('C03', '林小明', '个人'),
      cust('C04', '欧阳小明', '个体工商户'),
      cust('C05', '李四', '个人'),
      cust('C06', '泉州某某贸易有限公司', '小微企业', { manager_id: 'S2' }),
      cust('C07', '赵六', '个人'),
      cust('C08', '孙七', '个人', { manager_id: null }),
      cust('C09', '周八', '个人'),
    ]);
    for (const a of ACCOUNTS) {
      for (const [date, fen] of Object.entries(BALANCES[a.acct])) {
        insert(db, 'deposit', [{ data_date: date, acct_no: a.acct, cust_id: a.cust, kind: a.kind, open_date: a.open, balance: fen, status: a.status?.[date] ?? '正常' }]);
      }
    }
    const loan = (date: string, no: string, cust: string, bal: number, online: number, guarantee: string, issue: string) => ({
      data_date: date, loan_no: no, cust_id: cust, product: '经营贷', guarantee, is_online: online, issue_date: issue, amount: 1_000_000, balance: bal, class5: '正常', overdue_days: 0,
    });
    insert(db, 'loan', [
      loan('2024-06-30', 'L1', 'C04', 500_000, 0, '抵押', '2023-01-01'), // only in an older snapshot
      loan('2024-06-30', 'L2', 'C04', 20_000, 0, '保证', '2023-06-01'),
      loan('2024-07-05', 'L2', 'C04', 0, 0, '保证', '2023-06-01'), // paid off: item 4, not 5
      loan('2024-07-05', 'L3', 'C05', 100_000, 1, '信用', '2023-03-01'), // online 信用: 4, 5, 6
      loan('2024-07-05', 'L4', 'C06', 300_000, 1, '保证', '2024-02-01'), // online 保证: 4, 5
      loan('2024-07-15', 'L5', 'C08', 300_000, 1, '信用', '2024-07-14'), // after D
    ]);
    const card = (no: string, cust: string, type: string, status: string, issue: string) => ({
      card_no: `hash-${no}`, card_no_masked: `621700******${no}`, cust_id: cust, card_type: type, issue_date: issue, status,
    });
    insert(db, 'card', [
      card('0001', 'C01', '借记卡', '正常', '2019-03-02'),
      card('0002', 'C01', '贷记卡', '挂失', '2021-01-01'),
      card('0005', 'C05', '借记卡', '正常', '2020-05-05'),
      card('0006', 'C06', '贷记卡', '正常', '2024-03-03'),
      card('0007', 'C07', '社保卡', '销卡', '2015-01-01'),
      card('0091', 'C09', '借记卡', '正常', '2018-05-05'),
      card('0092', 'C09', '社保卡', '正常', '2016-06-06'),
      card('0093', 'C09', '借记卡', '正常', '2017-07-07'), // an earlier debit card: the item's since
    ]);
    const sign = (no: string, cust: string, type: string, date: string, status: string | null, cancel: string | null = null) => ({
      sign_no: no, cust_id: cust, biz_type: type, sign_date: date, status, cancel_date: cancel,
    });
    insert(db, 'signing', [
      sign('SG01', 'C01', '代发工资', '2023-01-05', '有效'),
      sign('SG40', 'C04', '手机银行', '2022-01-01', '已解约', '2024-07-01'), // cancelled before D
      sign('SG41', 'C04', '微信支付绑卡', '2022-01-01', '有效', D), // cancelled on D
      sign('SG42', 'C04', '微信银行绑卡', '2022-01-01', '有效', '2024-07-11'), // cancellation after D
      sign('SG43', 'C04', '支付宝绑卡', '2024-07-11', '有效'), // signed after D
      sign('SG44', 'C04', '云闪付绑卡', '2024-02-01', '有效'), // an empty 状态 is not 有效: tests/unit/rules
      sign('SG45', 'C04', '代发养老金', '2022-01-01', '已解约', '2024-07-20'), // 已解约 though its date is after D
      sign('SG50', 'C05', '授信签约', '2022-05-01', '有效'),
      sign('SG70', 'C07', '授信签约', '2021-01-01', '有效'),
      sign('SG71', 'C07', '理财', '2023-08-08', '有效'),
      sign('SG72', 'C07', '水费代扣', '2020-10-10', '有效'),
      sign('SG73', 'C07', '社保代缴', '2019-09-09', '有效'),
      sign('SG90', 'C09', '手机银行', '2023-04-01', '有效'),
      sign('SG91', 'C09', '微信支付绑卡', '2023-04-02', '有效'),
      sign('SG92', 'C09', '水费代扣', '2023-04-03', '有效'),
      sign('SG93', 'C09', '电费代扣', '2023-04-04', '有效'),
      sign('SG94', 'C09', '短信提醒', '2023-04-05', '有效'), // not one of the 18
      sign('SGX', 'CX', '手机银行', '2023-04-05', '有效'),
    ]);
    insert(db, 'merchant', [
      { merchant_id: 'M1', name: '张三小吃店', owner_cust_id: 'C02', sign_date: '2024-01-01', status: '正常' },
      { merchant_id: 'M2', name: '欧阳五金店', owner_cust_id: 'C04', sign_date: '2020-01-01', status: '注销' },
      { merchant_id: 'M3', name: '李四水果店', owner_cust_id: 'C05', sign_date: '2024-07-20', status: '正常' }, // after D
      { merchant_id: 'M4', name: '某某贸易', owner_cust_id: 'C06', sign_date: null, status: '正常' },
    ]);
    insert(db, 'visit', [
      { visit_id: 'V1', visit_time: '2024-07-01 10:00:00', staff_id: 'S1', cust_id: 'C01', method: '上门', result: '有意向', products: '手机银行' },
      { visit_id: 'V2', visit_time: '2024-07-05 15:30:00', staff_id: 'S2', cust_id: 'C01', method: '电话', result: '无需求' },
      { visit_id: 'V3', visit_time: '2024-07-03 09:00:00', staff_id: 'S9', cust_id: 'C01', method: '厅堂' }, // unknown staff
    ]);
    insert(db, 'referral', [
      { referrer_cust_id: 'C02', referred_cust_id: 'C01', referral_date: '2023-01-01' },
      { referrer_cust_id: 'C01', referred_cust_id: 'C03', referral_date: '2024-02-02' },
      { referrer_cust_id: 'C01', referred_cust_id: 'C404', referral_date: null },
    ]);
  })();
}

/** The items held as of D, from DATA.md's table applied to the rows above by hand. */
export const HELD_AT_D: Record<string, number[]> = {
  C01: [1, 7, 15], // A02 定期 is 销户 on 07-08; the 贷记卡 is 挂失
  C02: [1, 14],
  C03: [1], // 冻结 is still a current account
  C04: [4, 11, 13], // L1 only in an older snapshot; L2 balance 0; M2 注销; SG40/41/43/45 not active
  C05: [4, 5, 6, 7], // M3 signed after D
  C06: [4, 5, 9, 14], // online but 保证: not 6; M4 has no sign date
  C07: [3, 4, 16, 18], // 保证金 is not 活期; the 社保卡 is 销卡
  C08: [], // L5 is in a snapshot after D
  C09: [1, 2, 7, 8, 10, 12, 16, 17],
};
