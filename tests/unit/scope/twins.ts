// Two branches with look-alike data, so a leak of one into the other shows: the same customer
// names, the same phone, ID and card tails, amounts a 分 apart. Only the identifiers differ (A…
// for 鲤城, B… for 晋江), and no identifier is part of another, so finding one in a response
// text means that row came back. Every figure the tests expect is worked out from these rows.
//
//   QZH0 泉州农商银行 (总行)
//   ├── QZA0 鲤城支行        CUA01 张伟 (EA01)  CUA03 王芳 (EA02)  CUA04 泉州鑫达贸易有限公司 (EA01)
//   │   └── QZA1 开元分理处  CUA02 李娜 (EA11)
//   └── QZB0 晋江支行        CUB01 张伟 (EB01)  CUB03 王芳 (EB02)  CUB04 泉州鑫达贸易有限公司 (EB01)
//       └── QZB1 青阳分理处  CUB02 李娜 (EB11)
//   not loaded: QZX9, the org of CUZ01 张伟
//
// Rows whose org is not their customer's, to check the one rule of scope/row-org.ts:
//   LNB9 — a loan of CUA01 (鲤城) booked at QZB0: it is 晋江's, in 晋江's figures, never in a 鲤城 view.
//   DA02, LNA2, DB02, LNB2, MCB1 carry no org: they belong to their customer's.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDb, type Db } from '../../../electron/core/db/connection.js';

export const DATE = '2024-07-31';

export const ORGS = [
  { org_id: 'QZH0', name: '泉州农商银行', parent_id: null, level: '总行' },
  { org_id: 'QZA0', name: '鲤城支行', parent_id: 'QZH0', level: '支行' },
  { org_id: 'QZA1', name: '开元分理处', parent_id: 'QZA0', level: '分理处' },
  { org_id: 'QZB0', name: '晋江支行', parent_id: 'QZH0', level: '支行' },
  { org_id: 'QZB1', name: '青阳分理处', parent_id: 'QZB0', level: '分理处' },
];

/** The same four people in each branch: name, type, phone tail, ID tail, where, manager. */
const PEOPLE = [
  { n: '01', name: '张伟', type: '个人', tail: '5678', id: '19800101123X', sub: false, mgr: '01' },
  { n: '02', name: '李娜', type: '个人', tail: '4321', id: '19850202234X', sub: true, mgr: '11' },
  { n: '03', name: '王芳', type: '个人', tail: '8888', id: '19900303345X', sub: false, mgr: '02' },
  { n: '04', name: '泉州鑫达贸易有限公司', type: '小微企业', tail: '9999', id: null, sub: false, mgr: '01' },
] as const;

export const BRANCHES = ['A', 'B'] as const;
export type Branch = (typeof BRANCHES)[number];

/** balances in 分: B's are A's plus a 分 or two, so a summed leak changes a total */
const plus = (b: Branch, fen: number, k: number) => fen + (b === 'B' ? k : 0);

function insert(db: Db, table: string, rows: Record<string, unknown>[]): void {
  for (const r of rows) {
    const cols = Object.keys(r);
    db.prepare(`INSERT INTO ${table} (${cols.join(',')}) VALUES (${cols.map(() => '?').join(',')})`).run(...cols.map((c) => r[c]));
  }
}

export function buildTwins(db: Db): void {
  db.transaction(() => {
    insert(db, 'org', ORGS);
    for (const b of BRANCHES) {
      const org0 = `QZ${b}0`;
      const org1 = `QZ${b}1`;
      insert(db, 'staff', [
        { staff_id: `E${b}01`, name: '陈明', org_id: org0, post: '客户经理', phone: '13905950001' },
        { staff_id: `E${b}02`, name: '林芳', org_id: org0, post: '客户经理', phone: '13905950002' },
        { staff_id: `E${b}11`, name: '黄强', org_id: org1, post: '客户经理', phone: '13905950011' },
      ]);
      insert(db, 'grid', [{ grid_id: `GD${b}1`, name: '开发区社区', org_id: org0, geometry: '{}' }]);
      for (const p of PEOPLE) {
        insert(db, 'customer', [
          {
            cust_id: `CU${b}${p.n}`, name: p.name, cust_type: p.type, id_type: p.id ? '身份证' : '统一社会信用代码',
            id_no: p.id ? `350502${p.id}` : null, phone: `13${b === 'A' ? '8' : '9'}0000${p.tail}`,
            org_id: p.sub ? org1 : org0, manager_id: `E${b}${p.mgr}`, grid_id: `GD${b}1`,
          },
        ]);
      }
      // deposits: 10万, 5万 (no org: the 分理处 customer's), 3万, 1万 — B's a 分 more each
      insert(db, 'deposit', [
        { data_date: DATE, acct_no: `DP${b}1`, cust_id: `CU${b}01`, kind: '活期', balance: plus(b, 10_000_000, 1), status: '正常', org_id: org0 },
        { data_date: DATE, acct_no: `DP${b}2`, cust_id: `CU${b}02`, kind: '定期', balance: plus(b, 5_000_000, 2), status: '正常', org_id: null },
        { data_date: DATE, acct_no: `DP${b}3`, cust_id: `CU${b}03`, kind: '活期', balance: plus(b, 3_000_000, 3), status: '正常', org_id: org0 },
        { data_date: DATE, acct_no: `DP${b}4`, cust_id: `CU${b}04`, kind: '活期', balance: plus(b, 1_000_000, 4), status: '正常', org_id: org0 },
      ]);
      const loan = (no: string, cust: string, org: string | null, fen: number, guarantee: string, class5: string) => ({
        data_date: DATE, loan_no: no, cust_id: cust, product: '经营贷', guarantee, is_online: 0, issue_date: '2024-01-15',
        amount: fen, balance: fen, class5, overdue_days: 0, org_id: org,
      });
      insert(db, 'loan', [
        loan(`LN${b}1`, `CU${b}01`, org0, plus(b, 20_000_000, 1), '信用', '正常'),
        loan(`LN${b}2`, `CU${b}02`, null, plus(b, 8_000_000, 2), '抵押', '次级'),
      ]);
      insert(db, 'card', [
        { card_no: `KD${b}1`, card_no_masked: '622848******5678', cust_id: `CU${b}01`, card_type: '借记卡', issue_date: '2020-01-01', status: '正常', org_id: org0 },
      ]);
      insert(db, 'signing', [
        { sign_no: `SG${b}1`, cust_id: `CU${b}01`, biz_type: '手机银行', sign_date: '2024-01-01', status: '有效', org_id: org0 },
        { sign_no: `SG${b}3`, cust_id: `CU${b}03`, biz_type: '微信支付绑卡', sign_date: '2024-02-01', status: '有效', org_id: org0 },
      ]);
      insert(db, 'merchant', [
        { merchant_id: `MC${b}1`, name: '张伟小吃店', owner_cust_id: `CU${b}01`, sign_date: '2024-01-01', status: '正常', org_id: b === 'A' ? org0 : null },
      ]);
      insert(db, 'visit', [
        { visit_id: `VS${b}1`, visit_time: '2024-07-20 10:00:00', staff_id: `E${b}01`, cust_id: `CU${b}01`, method: '上门', result: '有意向' },
      ]);
    }
    // 鲤城's 张伟 also has a loan booked at 晋江: 晋江's row
    insert(db, 'loan', [
      { data_date: DATE, loan_no: 'LNB9', cust_id: 'CUA01', product: '消费贷', guarantee: '保证', is_online: 0, issue_date: '2024-03-01', amount: 7_000_000, balance: 7_000_000, class5: '正常', overdue_days: 0, org_id: 'QZB0' },
    ]);
    // a 张伟 whose org is not loaded, with a loan that has no org of its own
    insert(db, 'customer', [{ cust_id: 'CUZ01', name: '张伟', cust_type: '个人', phone: '13700005678', org_id: 'QZX9' }]);
    insert(db, 'loan', [
      { data_date: DATE, loan_no: 'LNZ1', cust_id: 'CUZ01', guarantee: '信用', is_online: 0, issue_date: '2024-01-01', amount: 900, balance: 900, class5: '正常', overdue_days: 0, org_id: null },
    ]);
    // referrals across the branches and to someone who is no customer
    insert(db, 'referral', [
      { referrer_cust_id: 'CUA01', referred_cust_id: 'CUB01', referral_date: '2024-05-01' },
      { referrer_cust_id: 'CUA01', referred_cust_id: 'CUN01', referral_date: '2024-05-02' },
      { referrer_cust_id: 'CUB03', referred_cust_id: 'CUA03', referral_date: '2024-05-03' },
    ]);
  })();
}

export function tempTwins(): { db: Db; dir: string; close: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scope-'));
  const db = openDb(path.join(dir, 'twins.sqlite'));
  buildTwins(db);
  return { db, dir, close: () => { db.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
}

/** Every identifier of a row (or org, staff member, grid) and the branch it belongs to. */
export function identifiers(): Map<string, Branch | 'Z'> {
  const m = new Map<string, Branch | 'Z'>();
  for (const b of BRANCHES) {
    for (const id of [`QZ${b}0`, `QZ${b}1`, `E${b}01`, `E${b}02`, `E${b}11`, `GD${b}1`, `MC${b}1`, `VS${b}1`, `SG${b}1`, `SG${b}3`, `KD${b}1`]) m.set(id, b);
    for (const p of PEOPLE) m.set(`CU${b}${p.n}`, b);
    for (let i = 1; i <= 4; i++) m.set(`DP${b}${i}`, b);
    m.set(`LN${b}1`, b);
    m.set(`LN${b}2`, b);
  }
  m.set('LNB9', 'B');
  for (const id of ['CUZ01', 'LNZ1', 'QZX9']) m.set(id, 'Z');
  m.set('CUB77', 'B'); // named only by the import of routes.test.ts
  // the names of the branches themselves, which are not look-alikes
  m.set('鲤城支行', 'A');
  m.set('开元分理处', 'A');
  m.set('晋江支行', 'B');
  m.set('青阳分理处', 'B');
  return m;
}
