// The counter view (柜面速查): 是不是我行客户？已办理哪些业务？还有哪些潜在需求？ — always masked.
import type { QuickCheck } from '../../../shared/crm.js';
import { maskCustomerName } from '../../../shared/masking.js';
import type { Db } from '../db/connection.js';
import { coversCustomer, type Scope } from '../scope/index.js';
import { customerCore } from './customer360.js';
import { customerRow, orgName } from './customer360-sections.js';
import { resolveDate } from './holdings.js';

/** The counter view of a customer inside the scope; null (a 404) otherwise. */
export function quickCheck(db: Db, custId: string, scope: Scope, opts: { date?: string } = {}): QuickCheck | null {
  const c = customerRow(db, custId);
  if (!c || !coversCustomer(scope, c)) return null;
  const date = resolveDate(db, opts.date);
  const core = customerCore(db, c, date);
  const brief = (i: { id: number; name: string; group: QuickCheck['held'][number]['group'] }) => ({ id: i.id, name: i.name, group: i.group });
  const managerName = c.manager_id
    ? ((db.prepare('SELECT name FROM staff WHERE staff_id = ?').pluck().get(c.manager_id) as string | undefined) ?? null)
    : null;
  return {
    date,
    custId: c.cust_id,
    name: maskCustomerName(c.name, c.cust_type) ?? '',
    star: core.star,
    coverage: core.held.size,
    held: core.items.filter((i) => i.held).map(brief),
    missing: core.items.filter((i) => !i.held).map(brief),
    recommendations: core.recommendations,
    managerName,
    orgName: orgName(db, c.org_id),
  };
}
