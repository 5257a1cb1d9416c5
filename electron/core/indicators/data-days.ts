// Which days hold data, per dated dataset: the date picker marks the days without any.
import type { Db } from '../db/connection.js';
import type { DataDay } from '../../../shared/indicators.js';

/** Every day with a deposit or loan snapshot, 收单 transactions or visits, ascending. */
export function dataDays(db: Db): DataDay[] {
  const days = new Map<string, DataDay>();
  const get = (d: string): DataDay => {
    let x = days.get(d);
    if (!x) days.set(d, (x = { date: d, deposit: false, loan: false, acq_txn: false, visit: false }));
    return x;
  };
  for (const d of db.prepare('SELECT DISTINCT data_date FROM deposit').pluck().all() as string[]) get(d).deposit = true;
  for (const d of db.prepare('SELECT DISTINCT data_date FROM loan').pluck().all() as string[]) get(d).loan = true;
  for (const d of db.prepare('SELECT DISTINCT substr(txn_time, 1, 10) FROM acq_txn').pluck().all() as string[]) get(d).acq_txn = true;
  for (const d of db.prepare('SELECT DISTINCT substr(visit_time, 1, 10) FROM visit').pluck().all() as string[]) get(d).visit = true;
  return [...days.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
