// The editable parts of 惠金小助手: the 18-item catalog (setting 'crm.items'), the recommendation
// rules ('crm.rules') and the star bounds ('crm.starBounds'). A stored value that no longer
// validates (hand-edited, or from an older console) falls back to the default rather than
// breaking every customer screen, but never silently: crmSettingProblems() names it with the
// reason and the saved text (GET /api/settings/crm/problems, shown on the settings page), and the
// saved value stays in the database untouched until an administrator saves a valid one.
import { DEFAULT_ITEMS, DEFAULT_STAR_BOUNDS_YUAN, type CrmSettingProblem, type ItemDef, type RecommendationRule } from '../../../shared/crm.js';
import { invalidateFamilies } from '../indicators/store.js';
import type { Db } from '../db/connection.js';
import { BadRequestError } from '../auth/errors.js';
import { DEFAULT_RULES } from './catalog-rules.js';
import { parseCatalog, parseRules, parseStarBounds } from './catalog-schema.js';

export { DEFAULT_RULES } from './catalog-rules.js';
export { CARD_TYPES, CUST_TYPES, DEPOSIT_KINDS, GUARANTEES } from './catalog-schema.js';

const KEYS = { items: 'crm.items', rules: 'crm.rules', starBounds: 'crm.starBounds' } as const;

type Checked<T> = { ok: true; value: T } | { ok: false; saved: string; error: string } | { ok: null };

/** The saved value parsed, or why it cannot be (ok: null when nothing is saved). */
function checkSetting<T>(db: Db, key: string, parse: (v: unknown) => T): Checked<T> {
  const raw = db.prepare('SELECT value FROM setting WHERE key = ?').pluck().get(key) as string | undefined;
  if (raw === undefined) return { ok: null };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, saved: raw, error: '保存的内容不是有效的 JSON (the saved text is not valid JSON)' };
  }
  try {
    return { ok: true, value: parse(json) };
  } catch (e) {
    // parse() throws BadRequestError with a sentence naming the item; anything else is a bug
    if (e instanceof BadRequestError) return { ok: false, saved: raw, error: e.message };
    throw e;
  }
}

function readSetting<T>(db: Db, key: string, parse: (v: unknown) => T, fallback: () => T): T {
  const r = checkSetting(db, key, parse);
  return r.ok === true ? r.value : fallback();
}

/** Every crm setting whose saved value is in the database but not in use (the defaults are). */
export function crmSettingProblems(db: Db): CrmSettingProblem[] {
  const checks = [
    ['items', checkSetting(db, KEYS.items, parseCatalog)],
    ['rules', checkSetting(db, KEYS.rules, parseRules)],
    ['stars', checkSetting(db, KEYS.starBounds, parseStarBounds)],
  ] as const;
  return checks.flatMap(([setting, r]) => (r.ok === false ? [{ setting, error: r.error, saved: r.saved }] : []));
}

/** Stores the value; the catalog and the star bounds decide masks and stars, so saving them drops
 *  every materialised holding (the rules only act when a customer is shown: they do not). */
function writeSetting(db: Db, key: string, value: unknown, invalidates: boolean): void {
  db.transaction(() => {
    db.prepare('INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(value));
    if (invalidates) {
      invalidateHoldings(db);
      // the 18-item figures of the dashboards (indicators, customer family) follow the catalog
      invalidateFamilies(db, ['customer'], null);
    }
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
