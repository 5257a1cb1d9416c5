// Which days hold data, per dated dataset: the date picker marks the days without any. Snapshot
// dates come by index seeks; 收单 and 走访 days need a pass over their tables (millions of
// transactions), so the answer is kept per connection until the data changes (data_version).
import type { Db } from '../db/connection.js';
import type { DataDay } from '../../../shared/indicators.js';
import { dataVersion } from '../import/data-version.js';
import { snapshotDates } from './snapshots.js';

const cache = new WeakMap<Db, { version: number; days: DataDay[] }>();

/** Every day with a deposit or loan snapshot, 收单 transactions or visits, ascending. */
export function dataDays(db: Db): DataDay[] {
  const version = dataVersion(db);
  const hit = cache.get(db);
  if (hit && hit.version === version) return hit.days;
  const days = new Map<string, DataDay>();
  const get = (d: string): DataDay => {
    let x = days.get(d);
    if (!x) days.set(d, (x = { date: d, deposit: false, loan: false, acq_txn: false, visit: false }));
    return x;
  };
  for (const d of snapshotDates(db, 'deposit', '0000-00-00', '9999-12-31')) get(d).deposit = true;
  for (const d of snapshotDates(db, 'loan', '0000-00-00', '9999-12-31')) get(d).loan = true;
  for (const d of db.prepare('SELECT DISTINCT substr(txn_time, 1, 10) FROM acq_txn').pluck().all() as string[]) get(d).acq_txn = true;
  for (const d of db.prepare('SELECT DISTINCT substr(visit_time, 1, 10) FROM visit').pluck().all() as string[]) get(d).visit = true;
  const sorted = [...days.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  cache.set(db, { version, days: sorted });
  return sorted;
}
