// The parts of the 360 view that are not holdings: identity (masked unless revealed), the people
// and places around the customer, the deposit trend, visits and referrals.
import type { Customer360, CustomerIdentity } from '../../../shared/crm.js';
import { maskAddress, maskBirthDate, maskCustomerName, maskIdNo, maskPhone } from '../../../shared/masking.js';
import { fenToYuan } from '../../../shared/money.js';
import type { Db } from '../db/connection.js';
import { addDays } from '../../../shared/dates.js';
import { customerJoin, isWholeBank, rowScopeSql, type Scope } from '../scope/index.js';
import { snapshotDates } from './star.js';

export interface CustomerRow {
  cust_id: string; name: string; cust_type: string | null; id_type: string | null; id_no: string | null; gender: string | null;
  birth_date: string | null; phone: string | null; address: string | null; org_id: string; manager_id: string | null; grid_id: string | null;
}

export function customerRow(db: Db, custId: string): CustomerRow | undefined {
  return db
    .prepare('SELECT cust_id, name, cust_type, id_type, id_no, gender, birth_date, phone, address, org_id, manager_id, grid_id FROM customer WHERE cust_id = ?')
    .get(custId) as CustomerRow | undefined;
}

const nameOf = (name: string, custType: string | null, reveal: boolean) => (reveal ? name : (maskCustomerName(name, custType) ?? ''));

export function identityOf(c: CustomerRow, reveal: boolean): CustomerIdentity {
  return {
    custId: c.cust_id,
    name: nameOf(c.name, c.cust_type, reveal),
    custType: c.cust_type,
    idType: c.id_type,
    idNo: reveal ? c.id_no : maskIdNo(c.id_no),
    phone: reveal ? c.phone : maskPhone(c.phone),
    address: reveal ? c.address : maskAddress(c.address),
    gender: c.gender,
    birthDate: reveal ? c.birth_date : maskBirthDate(c.birth_date),
    masked: !reveal,
  };
}

export function orgName(db: Db, orgId: string): string | null {
  return (db.prepare('SELECT name FROM org WHERE org_id = ?').pluck().get(orgId) as string | undefined) ?? null;
}

export function managerOf(db: Db, managerId: string | null, reveal: boolean): Customer360['manager'] {
  if (!managerId) return null;
  const s = db.prepare('SELECT name, phone FROM staff WHERE staff_id = ?').get(managerId) as { name: string; phone: string | null } | undefined;
  return { id: managerId, name: s?.name ?? null, phone: reveal ? (s?.phone ?? null) : maskPhone(s?.phone ?? null) };
}

export function gridOf(db: Db, gridId: string | null): Customer360['grid'] {
  if (!gridId) return null;
  return { id: gridId, name: (db.prepare('SELECT name FROM grid WHERE grid_id = ?').pluck().get(gridId) as string | undefined) ?? null };
}

/** The customer's total on every bank snapshot of the 90 days up to the date (0 when absent),
 *  over the accounts inside the scope (scope/row-org.ts decides an account's org). */
export function depositTrend(db: Db, custId: string, date: string, scope: Scope): Customer360['depositTrend'] {
  const from = addDays(date, -89);
  const dates = snapshotDates(db, 'deposit', from, date);
  if (!dates.length) return [];
  const inScope = rowScopeSql(scope, 'd', 'c');
  const join = isWholeBank(scope) ? '' : customerJoin('deposit', 'd', 'c');
  const totals = new Map(
    db
      .prepare(
        `SELECT d.data_date, SUM(d.balance) FROM deposit d INDEXED BY deposit_cust ${join}
          WHERE d.cust_id = @cust AND d.data_date >= @from AND d.data_date <= @to AND ${inScope.sql} GROUP BY d.data_date`,
      )
      .raw(true)
      .all({ ...inScope.params, cust: custId, from, to: date }) as [string, number][],
  );
  return dates.map((d) => ({ date: d, balance: fenToYuan(totals.get(d) ?? 0) }));
}

export function visitsOf(db: Db, custId: string): Customer360['visits'] {
  const rows = db
    .prepare(
      `SELECT v.visit_id, v.visit_time, s.name AS staff_name, v.method, v.result, v.products, v.note
         FROM visit v LEFT JOIN staff s ON s.staff_id = v.staff_id
        WHERE v.cust_id = ? ORDER BY v.visit_time DESC, v.visit_id DESC LIMIT 50`,
    )
    .all(custId) as { visit_id: string; visit_time: string; staff_name: string | null; method: string | null; result: string | null; products: string | null; note: string | null }[];
  return rows.map((v) => ({ visitId: v.visit_id, time: v.visit_time, staffName: v.staff_name, method: v.method, result: v.result, products: v.products, note: v.note }));
}

export function referralsOf(db: Db, custId: string, reveal: boolean): Customer360['referrals'] {
  type R = { cust_id: string; name: string | null; cust_type: string | null; referral_date: string | null };
  const map = (rows: R[]) => rows.map((r) => ({ custId: r.cust_id, name: r.name === null ? '（非本行客户）' : nameOf(r.name, r.cust_type, reveal), date: r.referral_date }));
  const by = db
    .prepare(
      `SELECT r.referrer_cust_id AS cust_id, c.name, c.cust_type, r.referral_date FROM referral r LEFT JOIN customer c ON c.cust_id = r.referrer_cust_id
        WHERE r.referred_cust_id = ? ORDER BY r.referral_date, r.referrer_cust_id`,
    )
    .all(custId) as R[];
  const to = db
    .prepare(
      `SELECT r.referred_cust_id AS cust_id, c.name, c.cust_type, r.referral_date FROM referral r LEFT JOIN customer c ON c.cust_id = r.referred_cust_id
        WHERE r.referrer_cust_id = ? ORDER BY r.referral_date, r.referred_cust_id`,
    )
    .all(custId) as R[];
  return { referredBy: map(by), referred: map(to) };
}
