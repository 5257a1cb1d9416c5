// GET /api/map/points/:kind/:id: one marker's popup. Names are masked as on every customer
// screen (shared/masking.ts; a merchant's name too, by its look: a 个体 merchant is often a
// person's name); the route audits the look-up like the 360. Outside the scope: null (404).
import type { PointDetail } from '../../../shared/grid.js';
import { itemLabel } from '../../../shared/enum-labels.js';
import { maskCustomerName } from '../../../shared/masking.js';
import type { Db } from '../db/connection.js';
import { getCatalog } from '../crm/catalog.js';
import { ensureHoldings, resolveDate } from '../crm/holdings.js';
import { bitOf } from '../crm/holdings-rules.js';
import { coversCustomer, coversRow, type Scope } from '../scope/index.js';
import { pointLayer } from './points.js';
import { ensureGridAssignment } from './assign.js';

const link360 = (custId: string) => `#/customers/${encodeURIComponent(custId)}`;

export function pointDetail(db: Db, s: Scope, kind: 'customer' | 'merchant', id: string, asked?: string): PointDetail | null {
  if (kind === 'customer') {
    const c = db.prepare('SELECT cust_id, name, cust_type, org_id, manager_id, grid_id FROM customer WHERE cust_id = ?').get(id) as
      | { cust_id: string; name: string; cust_type: string | null; org_id: string; manager_id: string | null; grid_id: string | null }
      | undefined;
    if (!c || !coversCustomer(s, c)) return null;
    const date = ensureHoldings(db, asked);
    ensureGridAssignment(db);
    const h = db.prepare('SELECT mask, star FROM customer_holding WHERE data_date = ? AND cust_id = ?').get(date, id) as { mask: number; star: number } | undefined;
    const assigned = c.grid_id ? null : (db.prepare('SELECT grid_id FROM grid_assignment WHERE cust_id = ?').pluck().get(id) as string | undefined);
    return {
      kind,
      id,
      name: maskCustomerName(c.name, c.cust_type),
      grid_id: c.grid_id ?? assigned ?? null,
      star: h?.star ?? 0,
      gaps: h
        ? getCatalog(db)
            .filter((it) => (h.mask & bitOf(it.id)) === 0)
            .map((it) => ({ item: String(it.id), zh: it.name, en: itemLabel(it, 'en') }))
        : [],
      link: link360(id),
    };
  }
  const m = db
    .prepare(
      `SELECT m.merchant_id, m.name, m.status, m.org_id, m.grid_id, m.owner_cust_id, c.org_id AS c_org, c.manager_id AS c_manager
         FROM merchant m LEFT JOIN customer c ON c.cust_id = m.owner_cust_id WHERE m.merchant_id = ?`,
    )
    .get(id) as
    | { merchant_id: string; name: string; status: string | null; org_id: string | null; grid_id: string | null; owner_cust_id: string | null; c_org: string | null; c_manager: string | null }
    | undefined;
  const owner = m && m.c_org !== null ? { org_id: m.c_org, manager_id: m.c_manager } : null;
  if (!m || !coversRow(s, m.org_id, owner)) return null;
  const date = resolveDate(db, asked);
  // the class as the layer computes it, so the popup never disagrees with the marker's colour
  const layer = pointLayer(db, s, { kind: 'merchant', date });
  const at = layer.ids.indexOf(id);
  return {
    kind,
    id,
    name: maskCustomerName(m.name, null),
    grid_id: m.grid_id,
    cls: at >= 0 ? layer.cls[at] : 0,
    status: m.status,
    link: m.owner_cust_id && owner && coversCustomer(s, owner) ? link360(m.owner_cust_id) : null,
  };
}
