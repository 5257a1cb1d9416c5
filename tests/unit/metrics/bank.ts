// A small bank built by hand for the metrics tests. Every figure the tests expect is derived in
// the tests from the rows written here; read this file beside them.
//
//   H 总行
//   ├── B1 支行        customers C6            loans L5
//   │   ├── S11 分理处  customers C1            deposit A1 (no org: C1's)   loan L1 (no org)  merchant M1
//   │   └── S12 分理处  customers C2            deposit A2                  loans L2 L6      merchant M2
//   └── B2 支行        customers C3            deposit A3                  loan L3          merchant M3 (owner C3)
//       └── S21 分理处  customers C4 C7         deposit A5 (C1's, own org)  loan L4          merchants M5 M6
//   unknown: C5 (org X9), A4 (C5), A6 (org ZZ), A7 (unknown customer), L7 (C5), M7 (owner C5)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDb, type Db } from '../../../electron/core/db/connection.js';

export function tempDb(): { db: Db; dir: string; close: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'metrics-'));
  const db = openDb(path.join(dir, 'bank.sqlite'));
  return { db, dir, close: () => { db.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
}

export function insertRows(db: Db, table: string, rows: Record<string, unknown>[]): void {
  for (const r of rows) {
    const cols = Object.keys(r);
    db.prepare(`INSERT INTO ${table} (${cols.join(',')}) VALUES (${cols.map(() => '?').join(',')})`).run(...cols.map((c) => r[c]));
  }
}

/** Deposit balances in 分 per snapshot date and account; a missing entry = no row that day. */
export const DEPOSITS: Record<string, Record<string, number>> = {
  '2024-06-28': { A1: 10_000_000, A2: 5_000_000, A3: 2_000_000, A4: 99_999, A6: 100, A7: 1 },
  '2024-07-02': { A1: 10_000_000, A2: 5_000_000, A3: 2_000_000, A4: 99_999, A5: 300_000, A6: 100, A7: 1 },
  '2024-07-03': { A1: 12_000_000, A2: 5_000_000, A3: 2_000_000, A4: 99_999, A5: 300_000, A6: 100, A7: 1 },
  '2024-07-05': { A1: 12_000_000, A2: 4_500_050, A3: 2_500_000, A4: 99_999, A5: 300_000, A6: 100, A7: 1 },
  // A5 is gone from the last snapshot: it must count 0 that day, not carry its old balance
  '2024-07-22': { A1: 13_000_001, A2: 4_500_061, A3: 2_500_000, A4: 99_999, A6: 100, A7: 1 },
};
const ACCOUNTS: Record<string, { cust: string; org: string | null }> = {
  A1: { cust: 'C1', org: null }, // → C1's org S11
  A2: { cust: 'C2', org: 'S12' },
  A3: { cust: 'C3', org: 'B2' },
  A4: { cust: 'C5', org: null }, // → C5's org X9, unknown
  A5: { cust: 'C1', org: 'S21' }, // its own org wins over C1's S11
  A6: { cust: 'C6', org: 'ZZ' }, // unknown org: does not fall back to C6's B1
  A7: { cust: 'C404', org: null }, // unknown customer: no org at all
};

type Loan = [no: string, cust: string, org: string | null, guarantee: string, class5: string, overdue: number | null, fen: number];
export const LOANS: Record<string, Loan[]> = {
  '2024-06-30': [
    ['L1', 'C1', null, '信用', '正常', 0, 8_000_000],
    ['L3', 'C3', 'B2', '抵押', '次级', 95, 3_000_000],
  ],
  '2024-07-05': [
    ['L1', 'C1', null, '信用', '正常', 0, 10_000_000],
    ['L2', 'C2', 'S12', '保证', '关注', 10, 5_000_000],
    ['L3', 'C3', 'B2', '抵押', '次级', 95, 3_000_000],
    ['L4', 'C3', 'S21', '质押', '可疑', 200, 2_000_000],
    ['L5', 'C6', 'B1', '信用', '损失', 400, 1_000_000],
    ['L6', 'C2', 'S12', '信用', '正常', null, 3_333_333],
    ['L7', 'C5', null, '信用', '次级', 0, 500_000],
  ],
};

function insertTxns(db: Db, merchant: string, rows: [time: string, payer: string | null, type: string | null][]): void {
  const stmt = db.prepare('INSERT INTO acq_txn (txn_id, merchant_id, txn_time, amount, payer, txn_type) VALUES (?,?,?,?,?,?)');
  rows.forEach(([time, payer, type], i) => stmt.run(`${merchant}-${i}`, merchant, time, 1000, payer, type));
}

const day = (d: number) => `2024-07-${String(d).padStart(2, '0')}`;

export function buildBank(db: Db): void {
  db.transaction(() => {
    insertRows(db, 'org', [
      { org_id: 'H', name: '总行', parent_id: null, level: '总行' },
      { org_id: 'B1', name: '城东支行', parent_id: 'H', level: '支行' },
      { org_id: 'B2', name: '城西支行', parent_id: 'H', level: '支行' },
      { org_id: 'S11', name: '东一分理处', parent_id: 'B1', level: '分理处' },
      { org_id: 'S12', name: '东二分理处', parent_id: 'B1', level: '分理处' },
      { org_id: 'S21', name: '西一分理处', parent_id: 'B2', level: '分理处' },
    ]);
    insertRows(db, 'customer', [
      { cust_id: 'C1', name: '甲', org_id: 'S11', open_date: '2024-01-05' },
      { cust_id: 'C2', name: '乙', org_id: 'S12', open_date: null },
      { cust_id: 'C3', name: '丙', org_id: 'B2', open_date: '2024-07-10' },
      { cust_id: 'C4', name: '丁', org_id: 'S21', open_date: '2024-08-15' },
      { cust_id: 'C5', name: '戊', org_id: 'X9', open_date: '2024-01-01' },
      { cust_id: 'C6', name: '己', org_id: 'B1', open_date: '2023-12-01' },
      { cust_id: 'C7', name: '庚', org_id: 'S21', open_date: '2024-07-22' },
    ]);
    for (const [date, accts] of Object.entries(DEPOSITS)) {
      insertRows(
        db,
        'deposit',
        Object.entries(accts).map(([acct, fen]) => ({
          data_date: date, acct_no: acct, cust_id: ACCOUNTS[acct].cust, org_id: ACCOUNTS[acct].org, balance: fen, kind: '活期',
        })),
      );
    }
    for (const [date, loans] of Object.entries(LOANS)) {
      insertRows(
        db,
        'loan',
        loans.map(([no, cust, org, guarantee, class5, overdue, fen]) => ({
          data_date: date, loan_no: no, cust_id: cust, org_id: org, guarantee, class5, overdue_days: overdue,
          balance: fen, amount: fen, issue_date: '2024-01-01',
        })),
      );
    }
    insertRows(db, 'merchant', [
      { merchant_id: 'M1', name: '正好达标', org_id: 'S11', status: '正常', sign_date: '2024-01-01' },
      { merchant_id: 'M2', name: '差一天', org_id: 'S12', status: '正常', sign_date: '2024-02-01' },
      { merchant_id: 'M3', name: '撤销凑数', org_id: null, owner_cust_id: 'C3', status: '正常', sign_date: null },
      { merchant_id: 'M4', name: '暂停', org_id: 'B1', status: '暂停', sign_date: '2024-01-01' },
      { merchant_id: 'M5', name: '未签约', org_id: 'S21', status: '正常', sign_date: '2024-08-01' },
      { merchant_id: 'M6', name: '无状态', org_id: 'S21', status: null, sign_date: null },
      { merchant_id: 'M7', name: '未知机构', org_id: null, owner_cust_id: 'C5', status: '正常', sign_date: null },
    ]);
    // M1: exactly 20 active days (Jul 1–19 and the date itself, Jul 22, to its last second),
    // 5 transactions a day = 100, payers P0..P29 = 30; 10 of them have no type (counted as 消费).
    const m1: [string, string | null, string | null][] = [];
    for (const d of [...Array.from({ length: 19 }, (_, i) => i + 1), 22]) {
      for (let k = 0; k < 5; k++) {
        const n = m1.length;
        m1.push([d === 22 ? `${day(d)} 23:59:5${k}` : `${day(d)} 10:00:0${k}`, `P${n % 30}`, n < 10 ? null : '消费']);
      }
    }
    insertTxns(db, 'M1', m1);
    // M2: 19 active days × 10 = 190 transactions, 50 payers; plus one the last second of June and
    // one the first second after the date, which must not make it 20 or 21 days.
    const m2: [string, string | null, string | null][] = [];
    for (let d = 1; d <= 19; d++) for (let k = 0; k < 10; k++) m2.push([`${day(d)} 09:00:0${k}`, `Q${m2.length % 50}`, '消费']);
    m2.push(['2024-06-30 23:59:59', 'Q0', '消费'], ['2024-07-23 00:00:00', 'Q1', '消费']);
    insertTxns(db, 'M2', m2);
    // M3: 20 days × 5 = 100 transactions and 30 payers, but on Jul 1–5 one a day is 撤销/退货:
    // only 95 消费, so not 高质量. Payers of 消费 rows alone still reach 30 (R0..R29).
    const m3: [string, string | null, string | null][] = [];
    let consumed = 0;
    for (let d = 1; d <= 20; d++) {
      for (let k = 0; k < 5; k++) {
        const reversal = d <= 5 && k === 0;
        m3.push([`${day(d)} 11:00:0${k}`, reversal ? 'R99' : `R${consumed++ % 30}`, reversal ? (d === 5 ? '退货' : '撤销') : '消费']);
      }
    }
    insertTxns(db, 'M3', m3);
    // M4 is suspended: thresholds met, still not a merchant in service.
    insertTxns(db, 'M4', m1.map(([t, p]) => [t, p, '消费']));
  })();
}
