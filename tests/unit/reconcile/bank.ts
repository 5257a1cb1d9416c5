// A hand-built bank whose figures are worked out in the comments, for the 对账 tests:
//   HQ 总行 ─┬─ B1 城东支行 ── B1A 城东分理处
//            └─ B2 城西支行
// Deposits on 2024-07-31: A1 (C1, B1) 1,000.00; A2 (C2, B1A) 234.56; A3 (C3, B2) 5,000.00
//   → B1 (with B1A) 1,000.00 + 234.56 = 1,234.56 元; B2 5,000.00 元; the bank 6,234.56 元.
// Loans on 2024-07-31: L1 (C1) 600.00 正常; L2 (C2) 300.00 次级
//   → B1 loan_balance 900.00, loan_customers 2, npl_balance 300.00, npl_ratio 300/900 = 1/3,
//     loan_to_deposit_ratio 900/1234.56 = 0.72900466…; B2 has no loans (npl_ratio null).
// No 走访 rows at all: visits have nothing to compare with.
import fs from 'node:fs';
import path from 'node:path';
import { importPaths } from '../../../electron/core/import/index.js';
import { getUser, insertUser, hashPassword } from '../../../electron/core/auth/index.js';
import type { Role } from '../../../shared/permissions.js';
import { tempApi, type TestApi } from '../api/helpers.js';

export const DATE = '2024-07-31';

const FILES: Record<string, string> = {
  'org.csv': '机构号,机构名称,上级机构号,机构层级\nHQ,测试农商银行,,总行\nB1,城东支行,HQ,支行\nB1A,城东分理处,B1,分理处\nB2,城西支行,HQ,支行\n',
  'staff.csv': '员工号,姓名,所属机构号,岗位\nS1,王经理,B1,客户经理\n',
  'customer.csv': '客户号,客户名称,客户类型,所属机构号,管户客户经理号\nC1,张三,个人,B1,S1\nC2,李四,个人,B1A,S1\nC3,王五,个人,B2,\n',
  'deposit.csv': '数据日期,账号,客户号,存款种类,账户余额,账户状态\n2024-07-31,A1,C1,活期,1000.00,正常\n2024-07-31,A2,C2,活期,234.56,正常\n2024-07-31,A3,C3,定期,5000.00,正常\n',
  'loan.csv': '数据日期,借据号,客户号,担保方式,发放日期,贷款金额,贷款余额,五级分类\n2024-07-31,L1,C1,信用,2024-01-05,1000.00,600.00,正常\n2024-07-31,L2,C2,保证,2024-02-10,500.00,300.00,次级\n',
};

export interface ReconcileBank extends TestApi {
  /** a bearer header of a user of that role sitting at that org */
  as(role: Role, org: string): Promise<{ authorization: string }>;
  call(method: string, url: string, auth: { authorization: string }, body?: unknown): Promise<Response>;
  count(): number;
}

export async function reconcileBank(): Promise<ReconcileBank> {
  const api = tempApi({ userOrg: 'HQ' });
  const dir = path.join(api.dir, 'files');
  fs.mkdirSync(dir);
  const paths = Object.entries(FILES).map(([name, text]) => {
    fs.writeFileSync(path.join(dir, name), text);
    return path.join(dir, name);
  });
  for (const r of await importPaths(api.db, paths)) if (r.error || r.rejected) throw new Error(`${r.file}: ${r.error ?? `${r.rejected} rejected`}`);
  const hash = await hashPassword('password1');
  const as = async (role: Role, org: string) => {
    const username = `${role}_${org}`;
    if (!getUser(api.db, username)) insertUser(api.db, { username, displayName: username, role, orgId: org }, hash);
    return { authorization: `Bearer ${api.sessions.create(getUser(api.db, username)!)}` };
  };
  const call = (method: string, url: string, auth: { authorization: string }, body?: unknown) =>
    Promise.resolve(
      api.app.fetch(
        new Request(`http://localhost${url}`, {
          method,
          headers: { ...auth, ...(method === 'GET' ? {} : { 'content-type': 'application/json' }) },
          body: body === undefined ? undefined : JSON.stringify(body),
        }),
      ),
    );
  const count = () => api.db.prepare('SELECT count(*) FROM official_figure').pluck().get() as number;
  return { ...api, as, call, count };
}
