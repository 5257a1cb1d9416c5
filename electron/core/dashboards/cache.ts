// Figures read for one dashboard are read again by the next (every dashboard's trend walks the
// same data days, and a user moves between dashboards of one date and scope), and a read is a
// full roll-up of the materialised cells (about 0.1 s on the small demo bank). So reads are kept
// per database until what they depend on changes: the data (data_version, bumped by every import
// commit and undo) or the 18-item catalog (the customer family's items; saving it invalidates that
// family). Nothing else changes a read's result for a given date and target.
import type { Db } from '../db/connection.js';
import { dataVersion } from '../import/data-version.js';
import { getCatalog } from '../crm/catalog.js';
import type { IndicatorSet } from '../../../shared/indicators.js';
import type { Target, TargetFigures } from '../indicators/index.js';

/** Bound on entries per database (a trend of 90 days × a few targets × two splits fits many times over). */
const MAX_ENTRIES = 5_000;

interface Entry {
  stamp: string;
  values: Map<string, unknown>;
}

const CACHE = new WeakMap<Db, Entry>();

function stampOf(db: Db): string {
  return `${dataVersion(db)} ${JSON.stringify(getCatalog(db))}`;
}

/** The entry of the database as its data stands now (a new, empty one after any change). */
function entryOf(db: Db): Entry {
  const stamp = stampOf(db);
  let e = CACHE.get(db);
  if (!e || e.stamp !== stamp || e.values.size > MAX_ENTRIES) CACHE.set(db, (e = { stamp, values: new Map() }));
  return e;
}

export function targetKey(t: Target): string {
  return JSON.stringify([t.type, t.id, t.staffId, t.orgIds]);
}

/** A cache checked once per dashboard request: the stamp is read once, at its start. */
export class ReadCache {
  private readonly e: Entry;
  constructor(db: Db) {
    this.e = entryOf(db);
  }

  get<T extends IndicatorSet | TargetFigures[] | ReadonlyMap<string, IndicatorSet>>(key: string, read: () => T): T {
    let v = this.e.values.get(key) as T | undefined;
    if (v === undefined) this.e.values.set(key, (v = read()));
    return v;
  }
}
