// The scope module on its own: who sees what, narrowing that never widens, the org rule, and the
// SQL fragments run against the look-alike branches of twins.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, insertUser } from '../../../electron/core/auth/index.js';
import {
  customerInScope, customerScopeSql, cliScope, coversRow, describeScope, headOfficeOf, isWholeBank, narrowScope, orgInScopeSql,
  requestScope, rowOrgOf, rowScopeSql, scopeOfOrg, scopeOfUser, scopeText, setAccountManagerOwnCustomers, setUserStaffId,
  subtree, wholeBankScope, type Scope,
} from '../../../electron/core/scope/index.js';
import { loadOrgTree } from '../../../electron/core/metrics/org-tree.js';
import type { Role } from '../../../shared/permissions.js';
import { tempTwins } from './twins.js';

let t: ReturnType<typeof tempTwins>;
let hash: string;
beforeAll(async () => {
  t = tempTwins();
  hash = await hashPassword('password1');
});
afterAll(() => t.close());

let n = 0;
function user(role: Role, org: string | null, staff?: string): string {
  const username = `u${++n}`;
  insertUser(t.db, { username, displayName: username, role, orgId: org }, hash);
  if (staff) setUserStaffId(t.db, username, staff);
  return username;
}

const customers = (s: Scope) => {
  const f = customerScopeSql(s, 'c');
  return t.db.prepare(`SELECT c.cust_id FROM customer c WHERE ${f.sql} ORDER BY c.cust_id`).pluck().all(f.params) as string[];
};
const loans = (s: Scope) => {
  const f = rowScopeSql(s, 'l', 'c');
  return t.db.prepare(`SELECT l.loan_no FROM loan l LEFT JOIN customer c ON c.cust_id = l.cust_id WHERE ${f.sql} ORDER BY l.loan_no`).pluck().all(f.params) as string[];
};

describe('the scope of a user', () => {
  it('is the whole bank for the administrator (with or without an org) and for anyone at the head office', () => {
    for (const u of [user('admin', null), user('admin', 'QZA1'), user('performance_officer', 'QZH0'), user('branch_manager', 'QZH0')]) {
      const s = scopeOfUser(t.db, u);
      expect(isWholeBank(s), u).toBe(true);
      expect(customers(s)).toHaveLength(9); // both branches' 8 and CUZ01 of the org not loaded
    }
  });

  it('is the org and the orgs below it for everyone else', () => {
    const a = scopeOfUser(t.db, user('branch_manager', 'QZA0'));
    expect(a).toMatchObject({ orgIds: ['QZA0', 'QZA1'], rootOrg: 'QZA0', managerId: null });
    expect(customers(a)).toEqual(['CUA01', 'CUA02', 'CUA03', 'CUA04']);
    expect(customers(scopeOfUser(t.db, user('lobby_manager', 'QZA1')))).toEqual(['CUA02']);
    expect(customers(scopeOfUser(t.db, user('lobby_manager', 'QZB0')))).toEqual(['CUB01', 'CUB02', 'CUB03', 'CUB04']);
  });

  it('sees nothing without an org, when disabled, or when unknown', () => {
    const none = scopeOfUser(t.db, user('branch_manager', null));
    expect(customers(none)).toEqual([]);
    expect(none.emptyReason).toMatch(/未分配机构/);
    const off = user('branch_manager', 'QZA0');
    t.db.prepare('UPDATE app_user SET disabled = 1 WHERE username = ?').run(off);
    expect(customers(scopeOfUser(t.db, off))).toEqual([]);
    expect(customers(scopeOfUser(t.db, 'nobody'))).toEqual([]);
  });

  it('of a user whose org is not loaded sees only rows naming that org', () => {
    const s = scopeOfUser(t.db, user('branch_manager', 'QZX9'));
    expect(customers(s)).toEqual(['CUZ01']);
    expect(isWholeBank(s)).toBe(false);
  });

  it('limits a 客户经理 to the customers they manage while the setting is on (the default)', () => {
    const mgr = user('account_manager', 'QZA0', 'EA01');
    expect(customers(scopeOfUser(t.db, mgr))).toEqual(['CUA01', 'CUA04']);
    // LNB9 is EA01's customer's, but booked at 晋江: outside the 客户经理's orgs
    expect(loans(scopeOfUser(t.db, mgr))).toEqual(['LNA1']);
    const unlinked = scopeOfUser(t.db, user('account_manager', 'QZA0'));
    expect(customers(unlinked)).toEqual([]);
    expect(unlinked.emptyReason).toMatch(/未关联员工号/);
    setAccountManagerOwnCustomers(t.db, false);
    try {
      expect(customers(scopeOfUser(t.db, mgr))).toEqual(['CUA01', 'CUA02', 'CUA03', 'CUA04']);
    } finally {
      setAccountManagerOwnCustomers(t.db, true);
    }
  });
});

describe('narrowing', () => {
  it('narrows to an org of the scope and never widens', () => {
    const a = scopeOfUser(t.db, user('branch_manager', 'QZA0'));
    expect(narrowScope(t.db, a, 'QZA1').orgIds).toEqual(['QZA1']);
    expect(narrowScope(t.db, a, 'QZA0')).toBe(a);
    expect(narrowScope(t.db, a, undefined)).toBe(a);
    for (const outside of ['QZB0', 'QZB1', 'QZH0', 'QZX9', 'nope']) {
      expect(() => narrowScope(t.db, a, outside), outside).toThrow(expect.objectContaining({ status: 404 }));
    }
  });

  it('from the whole bank: any loaded org; the head office leaves it whole; an org not loaded is a 404', () => {
    const all = wholeBankScope();
    expect(customers(narrowScope(t.db, all, 'QZB0'))).toEqual(['CUB01', 'CUB02', 'CUB03', 'CUB04']);
    expect(narrowScope(t.db, all, 'QZH0')).toBe(all);
    expect(() => narrowScope(t.db, all, 'QZX9')).toThrow(expect.objectContaining({ status: 404, code: 'no_org' }));
    // the 404 does not say whether the org exists: the same words for one that does and one that does not
    const a = scopeOfUser(t.db, user('branch_manager', 'QZA0'));
    const msg = (org: string) => { try { narrowScope(t.db, a, org); } catch (e) { return (e as Error).message.replace(org, 'X'); } return ''; };
    expect(msg('QZB0')).toBe(msg('nope'));
  });

  it('keeps a 客户经理’s limit when narrowed', () => {
    const s = requestScope(t.db, user('account_manager', 'QZA0', 'EA11'), 'QZA1');
    expect(s).toMatchObject({ orgIds: ['QZA1'], managerId: 'EA11' });
    expect(customers(s)).toEqual(['CUA02']);
  });
});

describe('the org tree', () => {
  it('finds the head office and walks a subtree even through a cycle in imported data', () => {
    const tree = loadOrgTree(t.db);
    expect(headOfficeOf(tree)).toBe('QZH0');
    expect(subtree(tree, 'QZH0')).toEqual(['QZH0', 'QZA0', 'QZA1', 'QZB0', 'QZB1']);
    expect(subtree(tree, 'QZX9')).toEqual(['QZX9']);
    const { db, close } = tempTwins();
    try {
      // two unlabelled roots: no head office; a cycle: each org once
      db.prepare("UPDATE org SET level = NULL WHERE org_id = 'QZH0'").run();
      db.prepare("UPDATE org SET parent_id = NULL WHERE org_id = 'QZB0'").run();
      db.prepare("UPDATE org SET parent_id = 'QZA1' WHERE org_id = 'QZA0'").run();
      const odd = loadOrgTree(db);
      expect(headOfficeOf(odd)).toBeNull();
      expect(subtree(odd, 'QZA1')).toEqual(['QZA1', 'QZA0']);
      // with no head office, a user of the old root sees its subtree, not the whole bank
      insertUser(db, { username: 'root_user', displayName: 'r', role: 'branch_manager', orgId: 'QZH0' }, hash);
      expect(scopeOfUser(db, 'root_user').orgIds).toEqual(['QZH0']);
    } finally {
      close();
    }
  });
});

describe('which org a row belongs to (DATA.md: its own 所属机构号, else its customer’s)', () => {
  it('reads the rule on values and in SQL alike', () => {
    expect(rowOrgOf('QZB0', 'QZA0')).toBe('QZB0');
    expect(rowOrgOf(null, 'QZA0')).toBe('QZA0');
    expect(rowOrgOf('', 'QZA0')).toBe('QZA0');
    expect(rowOrgOf(null, undefined)).toBeNull();
    const a1 = { orgIds: ['QZA1'], rootOrg: 'QZA1', managerId: null };
    // LNA2 has no org: its customer CUA02's QZA1
    expect(loans(a1)).toEqual(['LNA2']);
    expect(loans(scopeOfOrg(t.db, 'QZB0'))).toEqual(['LNB1', 'LNB2', 'LNB9']);
    expect(coversRow(scopeOfOrg(t.db, 'QZA0'), 'QZB0', { org_id: 'QZA0', manager_id: 'EA01' })).toBe(false);
    expect(coversRow(scopeOfOrg(t.db, 'QZA0'), null, { org_id: 'QZA1', manager_id: 'EA11' })).toBe(true);
    expect(customerInScope(t.db, a1, 'CUA02')).toBe(true);
    expect(customerInScope(t.db, a1, 'CUA01')).toBe(false);
    expect(customerInScope(t.db, a1, 'CUN01')).toBe(false);
  });

  it('filters an org column through its index, not a scan', () => {
    const f = orgInScopeSql(scopeOfOrg(t.db, 'QZA0'), 'c.org_id');
    const plan = (t.db.prepare(`EXPLAIN QUERY PLAN SELECT c.cust_id FROM customer c WHERE ${f.sql}`).all(f.params) as { detail: string }[]).map((r) => r.detail).join('\n');
    expect(plan).toMatch(/SEARCH c USING (COVERING )?INDEX customer_org \(org_id=\?\)/);
  });
});

describe('the scope described', () => {
  it('for the top bar, the picker and the export files', () => {
    expect(describeScope(t.db, user('admin', 'QZH0'))).toMatchObject({ wholeBank: true, org: null, base: { wholeBank: true } });
    expect(describeScope(t.db, user('admin', 'QZH0')).orgs.map((o) => o.id)).toEqual(['QZH0', 'QZA0', 'QZA1', 'QZB0', 'QZB1']);
    const a = user('branch_manager', 'QZA0');
    expect(describeScope(t.db, a, 'QZA1')).toMatchObject({ wholeBank: false, org: { id: 'QZA1', name: '开元分理处' }, base: { org: { id: 'QZA0' } } });
    expect(() => describeScope(t.db, a, 'QZB0')).toThrow(expect.objectContaining({ status: 404 }));
    expect(scopeText(t.db, wholeBankScope())).toBe('数据范围：全行');
    expect(scopeText(t.db, requestScope(t.db, user('account_manager', 'QZA0', 'EA01')))).toBe('数据范围：鲤城支行（QZA0）及下属机构，客户经理 EA01 管户的客户');
  });

  it('for the command line: the whole bank, or --org with a clear message for an org not loaded', () => {
    expect(isWholeBank(cliScope(t.db, undefined))).toBe(true);
    expect(cliScope(t.db, 'QZB0').orgIds).toEqual(['QZB0', 'QZB1']);
    expect(() => cliScope(t.db, 'QZX9')).toThrow(/--org：机构 QZX9 不存在/);
  });
});
