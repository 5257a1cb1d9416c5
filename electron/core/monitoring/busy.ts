// Deciding an alert or saving a rule writes on the API's connection: never while an import holds
// the write lock (db/busy.ts waits with the event loop free), and a lock that does not come free
// is a 503 the user can retry, as the other settings writes do.
import type { Db } from '../db/connection.js';
import { StillBusyError, whenWritable } from '../db/busy.js';
import { HttpError } from '../auth/errors.js';

export async function whenFree<T>(db: Db, work: () => T): Promise<T> {
  try {
    return await whenWritable(db, work, 30_000);
  } catch (e) {
    if (e instanceof StillBusyError) throw new HttpError(503, '数据库正忙（可能正在导入数据），请稍后重试。 (The database is busy, probably importing; try again.)', 'busy');
    throw e;
  }
}
