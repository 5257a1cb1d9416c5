// The editable parts of 惠金小助手: the 18-item catalog (setting 'crm.items'), the recommendation
// rules ('crm.rules') and the star bounds ('crm.starBounds'). A stored value that no longer
// validates (hand-edited, or from an older console) falls back to the default rather than
// breaking every customer screen.
import { DEFAULT_ITEMS, DEFAULT_STAR_BOUNDS_YUAN, type ItemDef, type RecommendationRule } from '../../../shared/crm.js';
import type { Db } from '../db/connection.js';
import { DEFAULT_RULES } from './catalog-rules.js';
import { parseCatalog, parseRules, parseStarBounds } from './catalog-schema.js';

export { DEFAULT_RULES } from './catalog-rules.js';
export { CARD_TYPES, CUST_TYPES, DEPOSIT_KINDS, GUARANTEES } from './catalog-schema.js';

const KEYS = { items: 'crm.items', rules: 'crm.rules', starBounds: 'crm.starBounds' } as const;

function readSetting<T>(db: Db, key: string, parse: (v: unknown) => T, fallback: () => T): T {
  const raw = db.prepare('SELECT value FROM setting WHERE key = ?').pluck().get(key) as string | undefined;
  if (raw === undefined) return fallback();
  try {
    return parse(JSON.parse(raw));
  } catch {
    return fallback();
  }
}

/** Stores the value; the catalog and the star bounds decide masks and stars, so saving them drops
 *  every materialised holding (the rules only act when a customer is shown: they do not). */
function writeSetting(db: Db, key: string, value: unknown, invalidates: boolean): void {
  db.transaction(() => {
    db.prepare('INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(value));
    if (invalidates) invalidateHoldings(db);
  })();
}

/** Forgets every built holding date, so the next ensureHoldings rebuilds it. */
export function invalidateHoldings(db: Db): void {
  db.prepare("DELETE FROM derived_state WHERE name LIKE 'holding:%'").run();
}

export function getCatalog(db: Db): ItemDef[] {
  return readSetting(db, KEYS.items, parseCatalog, () => structuredClone(DEFAULT_ITEMS));
}

/** Validates (BadRequestError with a Chinese sentence naming the item) and stores the catalog. */
export function saveCatalog(db: Db, items: unknown): ItemDef[] {
  const parsed = parseCatalog(items);
  writeSetting(db, KEYS.items, parsed, true);
  return parsed;
}

export function getRules(db: Db): RecommendationRule[] {
  return readSetting(db, KEYS.rules, parseRules, () => structuredClone(DEFAULT_RULES));
}

export function saveRules(db: Db, rules: unknown): RecommendationRule[] {
  const parsed = parseRules(rules);
  writeSetting(db, KEYS.rules, parsed, false);
  return parsed;
}

/** Lower bounds in 元 of 2★, 3★, 4★ and 5★. */
export function getStarBounds(db: Db): number[] {
  return readSetting(db, KEYS.starBounds, parseStarBounds, () => [...DEFAULT_STAR_BOUNDS_YUAN]);
}

export function saveStarBounds(db: Db, bounds: unknown): number[] {
  const parsed = parseStarBounds(bounds);
  writeSetting(db, KEYS.starBounds, parsed, true);
  return parsed;
}
