// Reading the audit log: the filter of the audit page, newest first, paged by id (keyset, so a
// page deep in a large log costs what the first one does).
import { AUDIT_PAGE_SIZE, type AuditEntry, type AuditFilter, type AuditPage } from '../../../shared/audit.js';
import { shanghaiDateTime } from '../../../shared/dates.js';
import type { Db } from '../db/connection.js';
import { isWholeBank, userScopeSql, wholeBankScope, type Scope } from '../scope/scope.js';

/** China has kept UTC+8 all year since 1991: a Shanghai day starts at 16:00 UTC the day before. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** The UTC instant (ISO, as `at` is stored) at which a Shanghai day begins. */
function shanghaiDayStart(day: string, plusDays = 0): string {
  const ms = Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10) + plusDays) - SHANGHAI_OFFSET_MS;
  return new Date(ms).toISOString();
}

/** The largest string starting with `prefix`, for a prefix match that stays on the index. */
const prefixEnd = (prefix: string) => prefix + '\u{10FFFF}';

function where(f: AuditFilter, scope: Scope): { sql: string; args: unknown[] } {
  const w: string[] = [];
  const args: unknown[] = [];
  // a narrower data scope reads the actions of its own users only (electron/core/scope)
  if (!isWholeBank(scope)) {
    const users = userScopeSql(scope, 'username');
    (w.push(users.sql), args.push(...users.args));
  }
  if (f.user) (w.push('username = ?'), args.push(f.user));
  if (f.action) (w.push('action = ?'), args.push(f.action));
  if (f.object) (w.push('target >= ? AND target < ?'), args.push(f.object, prefixEnd(f.object)));
  if (f.source) (w.push('source = ?'), args.push(f.source));
  // `at` is ISO UTC text, so comparing the strings compares the instants
  if (f.from) (w.push('at >= ?'), args.push(shanghaiDayStart(f.from)));
  if (f.to) (w.push('at < ?'), args.push(shanghaiDayStart(f.to, 1)));
  if (f.before) (w.push('id < ?'), args.push(f.before));
  return { sql: w.length ? `WHERE ${w.join(' AND ')}` : '', args };
}

type StoredRow = Omit<AuditEntry, 'atLocal'>;

function entry(r: StoredRow): AuditEntry {
  return { ...r, atLocal: shanghaiDateTime(new Date(r.at)) };
}

/** One page, newest first. `next` is the `before` of the following page, null after the last.
 *  `scope`: the reader's data scope (the API passes the caller's; tests read the whole log). */
export function listAudit(db: Db, f: AuditFilter = {}, scope: Scope = wholeBankScope()): AuditPage {
  const limit = f.limit ?? AUDIT_PAGE_SIZE;
  const { sql, args } = where(f, scope);
  const rows = db
    .prepare(`SELECT id, at, username, action, target, detail, source, client FROM audit_log ${sql} ORDER BY id DESC LIMIT ?`)
    .all(...args, limit + 1) as StoredRow[];
  const more = rows.length > limit;
  const items = rows.slice(0, limit).map(entry);
  return { items, next: more ? items[items.length - 1].id : null };
}

/** How many rows the filter matches, counting no further than `cap` + 1. */
export function countAudit(db: Db, f: AuditFilter, cap: number, scope: Scope = wholeBankScope()): number {
  const { sql, args } = where(f, scope);
  return db.prepare(`SELECT count(*) FROM (SELECT 1 FROM audit_log ${sql} LIMIT ?)`).pluck().get(...args, cap + 1) as number;
}

/** Every row of the filter, newest first, a page at a time (exports). */
export function* auditRows(db: Db, f: AuditFilter, pageSize = 1000, scope: Scope = wholeBankScope()): Generator<AuditEntry> {
  let before = f.before;
  for (;;) {
    const page = listAudit(db, { ...f, before, limit: pageSize }, scope);
    yield* page.items;
    if (page.next === null) return;
    before = page.next;
  }
}
