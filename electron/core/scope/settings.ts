// What the scope reads besides the user's role and org: whether 客户经理 see only the customers
// they manage (a setting, on unless an administrator turns it off: the narrower default is the
// safe one), and which staff member (员工号) a user account is, so "their customers" can be found
// (customer.manager_id = 管户客户经理号).
import type { Db } from '../db/connection.js';
import { BadRequestError, NotFoundError } from '../auth/errors.js';

export const OWN_CUSTOMERS_KEY = 'scope.account_manager_own_customers';

export function accountManagerOwnCustomers(db: Db): boolean {
  const v = db.prepare('SELECT value FROM setting WHERE key = ?').pluck().get(OWN_CUSTOMERS_KEY) as string | undefined;
  return v !== '0';
}

export function setAccountManagerOwnCustomers(db: Db, on: boolean): void {
  db.prepare('INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(OWN_CUSTOMERS_KEY, on ? '1' : '0');
}

/** The 员工号 a user account stands for; null when none is linked. */
export function userStaffId(db: Db, username: string): string | null {
  const v = db.prepare('SELECT staff_id FROM app_user WHERE username = ?').pluck().get(username) as string | null | undefined;
  return v === undefined || v === null || v === '' ? null : v;
}

/** Links a user account to a 员工号 (null unlinks). The staff member need not be imported yet:
 *  the demo users are created before the bank's files are. */
export function setUserStaffId(db: Db, username: string, staffId: string | null): void {
  if (staffId !== null && !/^[\p{L}\p{N}_.-]{1,64}$/u.test(staffId)) {
    throw new BadRequestError(`员工号格式不正确：${staffId} (invalid staff number)`, 'bad_staff_id');
  }
  const r = db.prepare('UPDATE app_user SET staff_id = ? WHERE username = ?').run(staffId, username);
  if (r.changes === 0) throw new NotFoundError(`用户 ${username} 不存在。 (No such user.)`, 'no_user');
}
