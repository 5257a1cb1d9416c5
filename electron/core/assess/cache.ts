// The whole bank's computed result per period, kept per connection while nothing it was computed
// from has changed: the data version (imports, undo, recorded visits), the assessment's own inputs
// (generation.ts) and the confirmed alerts (decided in monitoring/alerts.ts). A screen opening a
// sheet, a ranking (this period and the previous one) and an export then compute once.
// The result is shared between callers: treat it as read-only.
import type { AssessResult } from '../../../shared/assessment.js';
import type { Db } from '../db/connection.js';
import { dataVersion } from '../import/data-version.js';
import { assessGeneration } from './generation.js';
import type { Period } from './period.js';
import { computeResult } from './sheet.js';

const MAX = 8;
const caches = new WeakMap<Db, Map<string, { key: string; result: AssessResult }>>();

function stateKey(db: Db): string {
  const alerts = db.prepare("SELECT count(*) AS n, total(alert_id) AS ids, max(decided_at) AS at FROM monitor_alert WHERE status = 'confirmed'").get() as { n: number; ids: number; at: string | null };
  return JSON.stringify([dataVersion(db), assessGeneration(db), alerts.n, alerts.ids, alerts.at]);
}

export function cachedResult(db: Db, p: Period): AssessResult {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const key = stateKey(db);
  const hit = cache.get(p.id);
  if (hit && hit.key === key) return hit.result;
  const result = computeResult(db, p);
  cache.delete(p.id);
  cache.set(p.id, { key, result });
  if (cache.size > MAX) cache.delete(cache.keys().next().value!);
  return result;
}
