// The search box's index (table customer_search): one row per customer with what staff type to
// find someone — the name, its pinyin initials, the phone, the last 6 of the 证件号码 and the
// last 4 of each card; and customer_search_tail, the same numbers reversed so that "ends with"
// seeks an index. Rebuilt in two INSERT … SELECT when the imported data has changed.
import { pinyin } from 'pinyin-pro';
import type { Db } from '../db/connection.js';
import { dataVersion } from '../import/data-version.js';

const STATE = 'search';

/**
 * Pinyin initials, lower case: 张秀英→zxy. A person's name is read in surname mode so that the
 * polyphonic surnames come out as people say them (曾→z, 单→s, 解→x, 区→o, 仇→q); an
 * organisation's name is read as ordinary words. Latin letters and digits are kept, anything else
 * (punctuation, rare characters pinyin-pro does not know) is dropped.
 */
export function nameInitials(name: string, person = true): string {
  const parts = pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', surname: person ? 'head' : 'off' });
  return parts.join('').toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** A customer is read as a person unless its type says it is a business (or its type is unknown
 *  and its name looks like one). */
export function isPersonType(custType: string | null): boolean {
  return custType === null || custType === '' || custType === '个人';
}

// One registration per connection: better-sqlite3 functions belong to the connection, and the
// cache lives as long as it does (names repeat a lot: 300k customers have far fewer names).
const registered = new WeakSet<Db>();
function registerInitials(db: Db): void {
  if (registered.has(db)) return;
  const cache = new Map<string, string>();
  db.function('bc_initials', { deterministic: true }, (name: unknown, custType: unknown) => {
    if (typeof name !== 'string') return null;
    const person = isPersonType(typeof custType === 'string' ? custType : null);
    const key = (person ? 'p' : 'o') + name;
    let v = cache.get(key);
    if (v === undefined) {
      v = nameInitials(name, person);
      if (cache.size > 200_000) cache.clear();
      cache.set(key, v);
    }
    return v === '' ? null : v;
  });
  // digits (and the X of a 身份证) only, reversed: "ends with" becomes "starts with", which an
  // index can seek
  db.function('bc_rdigits', { deterministic: true }, (v: unknown) => {
    if (typeof v !== 'string') return null;
    const d = v.toUpperCase().replace(/[^0-9X]/g, '');
    return d.length >= 4 ? [...d].reverse().join('') : null;
  });
  registered.add(db);
}

// The card tails as a space-separated list: digits only, so the search can match ' 1234 '.
const REBUILD_SQL = `
INSERT INTO customer_search (cust_id, name, initials, phone, id_tail, card_tails)
SELECT c.cust_id, c.name, bc_initials(c.name, c.cust_type),
       NULLIF(trim(c.phone), ''),
       CASE WHEN length(trim(c.id_no)) >= 6 THEN upper(substr(trim(c.id_no), -6)) END,
       (SELECT group_concat(t, ' ') FROM (
          SELECT DISTINCT substr(k.card_no_masked, -4) AS t FROM card k
          WHERE k.cust_id = c.cust_id AND k.card_no_masked GLOB '*[0-9][0-9][0-9][0-9]'))
FROM customer c`;

const TAIL_SQL = `
INSERT OR IGNORE INTO customer_search_tail (rkey, kind, cust_id)
SELECT k, kind, cust_id FROM (
  SELECT bc_rdigits(phone) AS k, 'phone' AS kind, cust_id FROM customer_search
  UNION ALL SELECT bc_rdigits(id_tail), 'id_tail', cust_id FROM customer_search
  UNION ALL SELECT bc_rdigits(substr(card_no_masked, -4)), 'card_tail', cust_id FROM card
    WHERE card_no_masked GLOB '*[0-9][0-9][0-9][0-9]' AND cust_id IN (SELECT cust_id FROM customer))
WHERE k IS NOT NULL`;

export function searchIndexIsCurrent(db: Db): boolean {
  const built = db.prepare('SELECT data_version FROM derived_state WHERE name = ?').pluck().get(STATE) as number | undefined;
  return built !== undefined && built === dataVersion(db);
}

/**
 * Rebuilds customer_search when the data has changed since it was built (any import or undo
 * bumps data_version). One transaction: a reader sees the old index or the new one, never half.
 * Returns whether it rebuilt.
 */
export function ensureSearchIndex(db: Db): boolean {
  if (searchIndexIsCurrent(db)) return false;
  registerInitials(db);
  db.transaction(() => {
    const version = dataVersion(db); // read inside the transaction: the version this build reflects
    db.prepare('DELETE FROM customer_search').run();
    db.prepare('DELETE FROM customer_search_tail').run();
    db.prepare(REBUILD_SQL).run();
    db.prepare(TAIL_SQL).run();
    db.prepare(
      `INSERT INTO derived_state (name, data_version, built_at) VALUES (?, ?, ?)
       ON CONFLICT(name) DO UPDATE SET data_version = excluded.data_version, built_at = excluded.built_at`,
    ).run(STATE, version, new Date().toISOString());
  }).immediate();
  return true;
}
