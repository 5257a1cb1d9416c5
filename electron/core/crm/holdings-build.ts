// The 18-item masks of every customer as of a date, set-wise: one pass per table, each row
// (customer, category) OR-ing the bits of the items its category makes held. No GROUP BY: nearly
// every (customer, category) pair is distinct already, so sorting for it costs more (about 30% on
// the large bank) than OR-ing the few repeats. Signings and cards are read in table order
// (NOT INDEXED) rather than through their customer index with a look-up per row.
// The per-customer reading of the same rules is holdings-items.ts; the tests hold the two equal.
// Which rows are current, active or in service is rules/in-service.ts, as for the figures.
import type { Db } from '../db/connection.js';
import { inServiceSql, latestSnapshot } from '../rules/in-service.js';
import type { CompiledCatalog } from './holdings-rules.js';

type Row = [cust: string, category: string | null];

function orInto(masks: Map<string, number>, rows: Iterable<Row>, bits: Map<string, number>): void {
  for (const [cust, cat] of rows) {
    const bit = cat === null ? undefined : bits.get(cat);
    const m = masks.get(cust);
    // records of customers missing from the customer table are not anybody's holdings
    if (bit !== undefined && m !== undefined) masks.set(cust, m | bit);
  }
}

/** cust_id → mask for every customer on the books on the date (rules/in-service.ts): a customer
 *  who opened later is nobody's gap and no coverage figure of that date, in every list alike. */
export function buildMasks(db: Db, date: string, cc: CompiledCatalog): Map<string, number> {
  // in key order, so customer_holding is written in the order of its primary key
  const masks = new Map<string, number>();
  const onBooks = db.prepare(`SELECT c.cust_id FROM customer c WHERE ${inServiceSql.customer('c', '@date')} ORDER BY c.cust_id`).pluck();
  for (const c of onBooks.iterate({ date }) as Iterable<string>) masks.set(c, 0);

  const depDate = latestSnapshot(db, 'deposit', date);
  if (depDate && cc.depositKinds.size) {
    const rows = db
      .prepare(`SELECT d.cust_id, d.kind FROM deposit d WHERE d.data_date = ? AND ${inServiceSql.deposit('d')}`)
      .raw(true)
      .iterate(depDate) as Iterable<Row>;
    orInto(masks, rows, cc.depositKinds);
  }

  if (cc.signingTypes.size) {
    const rows = db
      .prepare(
        `SELECT s.cust_id, s.biz_type FROM signing s NOT INDEXED WHERE ${inServiceSql.signing('s', '@d')}`,
      )
      .raw(true)
      .iterate({ d: date }) as Iterable<Row>;
    orInto(masks, rows, cc.signingTypes);
  }

  if (cc.cardTypes.size) {
    const rows = db.prepare(`SELECT k.cust_id, k.card_type FROM card k NOT INDEXED WHERE ${inServiceSql.card('k')}`).raw(true).iterate() as Iterable<Row>;
    orInto(masks, rows, cc.cardTypes);
  }

  if (cc.merchantBits) {
    const rows = db
      .prepare(`SELECT DISTINCT m.owner_cust_id FROM merchant m WHERE ${inServiceSql.merchant('m', '@d')} AND m.owner_cust_id IS NOT NULL`)
      .pluck()
      .iterate({ d: date }) as Iterable<string>;
    for (const c of rows) {
      const m = masks.get(c);
      if (m !== undefined) masks.set(c, m | cc.merchantBits);
    }
  }

  const loanDate = latestSnapshot(db, 'loan', date);
  if (loanDate && cc.loans.length) {
    const rows = db
      .prepare('SELECT cust_id, balance > 0, is_online = 1, guarantee FROM loan WHERE data_date = ? GROUP BY 1, 2, 3, 4')
      .raw(true)
      .iterate(loanDate) as Iterable<[string, number, number | null, string | null]>;
    for (const [cust, positive, online, guarantee] of rows) {
      const m = masks.get(cust);
      if (m === undefined) continue;
      let bits = 0;
      for (const t of cc.loans) {
        if (t.positiveBalance && positive !== 1) continue;
        if (t.online && online !== 1) continue;
        if (t.guarantees && (guarantee === null || !t.guarantees.includes(guarantee))) continue;
        bits |= t.bit;
      }
      masks.set(cust, m | bits);
    }
  }
  return masks;
}
