// Customers on the books on the date (rules/in-service.ts) per org × 管户客户经理, and the 18 items
// they hold (the customers feature's own masks, crm/holdings-build.ts, so the dashboards and the
// customer screens can never disagree): items held in total and holders per item.
import type { Db } from '../../db/connection.js';
import { inServiceSql } from '../../rules/in-service.js';
import { buildMasks } from '../../crm/holdings-build.js';
import { currentMasks } from '../../crm/holdings.js';
import { compileCatalog } from '../../crm/holdings-rules.js';
import { getCatalog } from '../../crm/catalog.js';
import { CellBag } from '../cells.js';

export function customerCells(db: Db, date: string): CellBag {
  const bag = new CellBag();
  const catalog = getCatalog(db);
  // a current holdings build of the date is the same masks: reuse it rather than redo it
  const masks = currentMasks(db, date) ?? buildMasks(db, date, compileCatalog(catalog));
  const rows = db
    .prepare(`SELECT c.cust_id AS cust, c.org_id AS org, c.manager_id AS staff FROM customer c WHERE ${inServiceSql.customer('c', '@date')}`)
    .iterate({ date }) as Iterable<{ cust: string; org: string | null; staff: string | null }>;
  for (const r of rows) {
    bag.add(r.org, r.staff, 'cust', 1);
    const mask = masks.get(r.cust) ?? 0;
    let held = 0;
    for (const item of catalog) {
      if ((mask >> (item.id - 1)) & 1) {
        held++;
        bag.add(r.org, r.staff, `item:${item.id}`, 1);
      }
    }
    bag.add(r.org, r.staff, 'items_sum', held);
  }
  return bag;
}
