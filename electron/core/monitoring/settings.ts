// The rules' parameters in force, by version (migration 011). Saving validates every value against
// the rule's declared bounds and writes a new version with its audit row in one transaction. A run
// pins its rules first (pinRuleSettings): the parameters it will use, code defaults merged, are
// stored as a version of their own unless the latest version holds exactly them, so an alert's
// rule_version always names the parameters that raised it even after a code default changes.
// Version 0 (alerts raised before this pinning) stays what it was: defaults not recorded.
import type { Db } from '../db/connection.js';
import { RULES, type RuleId, type RuleInfo } from '../../../shared/monitoring.js';
import { auditInTransaction } from '../audit/index.js';
import type { AuditOrigin } from '../audit/origin.js';
import { UserInputError } from '../errors.js';
import type { RuleDef } from './rule.js';
import { RULE_DEFS, ruleDef } from './rules/index.js';

export interface RuleSetting {
  version: number;
  params: Record<string, number>;
  enabled: boolean;
}

function defaults(def: RuleDef): Record<string, number> {
  return Object.fromEntries(def.params.map((p) => [p.key, p.default]));
}

/** The latest saved version of a rule, or its defaults as version 0 (never run, never saved).
 *  Parameters added to a rule after a version was saved take their defaults: a run pins that
 *  mix as a version of its own (pinRuleSettings) before using it. */
export function ruleSetting(db: Db, def: RuleDef): RuleSetting {
  const row = latestStored(db, def.id);
  if (!row) return { version: 0, params: defaults(def), enabled: true };
  return { version: row.version, params: { ...defaults(def), ...pick(def, row.params) }, enabled: row.enabled };
}

/** The latest stored version with its params exactly as stored (null: none stored). */
function latestStored(db: Db, id: RuleId): { version: number; params: Record<string, unknown>; enabled: boolean } | null {
  const row = db.prepare('SELECT version, params, enabled FROM monitor_rule_version WHERE rule = ? ORDER BY version DESC LIMIT 1').get(id) as
    | { version: number; params: string; enabled: number }
    | undefined;
  return row ? { version: row.version, params: JSON.parse(row.params) as Record<string, unknown>, enabled: row.enabled === 1 } : null;
}

/** Same keys, same numbers (key order is no difference: JSON text comparison would say it is). */
function sameParams(a: Record<string, unknown>, b: Record<string, number>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && a[k] === b[k]);
}

/** Why the system stores a version: the audit row's reason. */
export const PIN_REASON = '启用代码默认参数 (code defaults in force)';
const SYSTEM_ORIGIN: AuditOrigin = { source: 'system', client: null };

/**
 * The setting a run uses for each rule named, stored first where needed: when no version is stored
 * or the latest one's params differ from the params in force (a parameter added since, a code
 * default that moved, a parameter dropped), a new version by 'system' with exactly those params,
 * audited in the same transaction. Run it inside the run's write turn; a second call stores nothing.
 */
export function pinRuleSettings(db: Db, defs: readonly RuleDef[]): Map<RuleId, RuleSetting> {
  return db.transaction(() => {
    const out = new Map<RuleId, RuleSetting>();
    for (const def of defs) {
      const s = ruleSetting(db, def);
      const stored = latestStored(db, def.id);
      if (stored && sameParams(stored.params, s.params)) {
        out.set(def.id, s);
        continue;
      }
      const version = (stored?.version ?? 0) + 1;
      db.prepare('INSERT INTO monitor_rule_version (rule, version, params, enabled, saved_by, saved_at) VALUES (?, ?, ?, ?, ?, ?)').run(
        def.id,
        version,
        JSON.stringify(s.params),
        s.enabled ? 1 : 0,
        'system',
        new Date().toISOString(),
      );
      auditInTransaction(db, {
        username: 'system',
        action: 'settings',
        target: `monitor:${def.id}`,
        detail: { version, params: s.params, enabled: s.enabled, reason: PIN_REASON },
        // the job may run inside a user's request context; the version is the system's doing
        origin: SYSTEM_ORIGIN,
      });
      out.set(def.id, { ...s, version });
    }
    return out;
  })();
}

function pick(def: RuleDef, saved: Record<string, unknown>): Record<string, number> {
  const keys = new Set(def.params.map((p) => p.key));
  return Object.fromEntries(Object.entries(saved).filter(([k, v]) => keys.has(k) && typeof v === 'number' && Number.isFinite(v))) as Record<string, number>;
}

export function ruleInfo(db: Db, def: RuleDef): RuleInfo {
  const s = ruleSetting(db, def);
  return {
    id: def.id,
    family: RULES[def.id].family,
    zh: def.zh,
    en: def.en,
    explanation: def.explanation,
    explanationEn: def.explanationEn,
    params: def.params.map(({ default: _d, ...meta }) => meta),
    values: s.params,
    version: s.version,
    enabled: s.enabled,
  };
}

export function listRules(db: Db): RuleInfo[] {
  return RULE_DEFS.map((d) => ruleInfo(db, d));
}

/** Why a value cannot be used for a parameter, or null. */
export function paramProblem(def: RuleDef, key: string, v: unknown): string | null {
  const p = def.params.find((x) => x.key === key);
  if (!p) return `规则 ${def.id} 没有参数 ${key} (no such parameter)`;
  if (typeof v !== 'number' || !Number.isFinite(v)) return `${p.zh}：应为数字 (${p.en}: a number)`;
  if (['days', 'count', 'hour', 'minutes'].includes(p.kind) && !Number.isInteger(v)) return `${p.zh}：应为整数 (${p.en}: a whole number)`;
  if (p.kind === 'yuan' && Math.round(v * 100) !== Math.round(v * 100 * 1e6) / 1e6) return `${p.zh}：金额最多两位小数 (${p.en}: at most 2 decimals)`;
  if (p.min !== undefined && v < p.min) return `${p.zh}：不能小于 ${p.min} (${p.en}: at least ${p.min})`;
  if (p.max !== undefined && v > p.max) return `${p.zh}：不能大于 ${p.max} (${p.en}: at most ${p.max})`;
  return null;
}

/** Saves a new version (every parameter validated; missing ones keep their value in force). */
export function saveRuleSetting(db: Db, id: string, body: { params?: Record<string, unknown>; enabled?: boolean }, username: string): RuleInfo {
  const def = ruleDef(id as RuleId);
  if (!def) throw new UserInputError(`没有规则 ${id} (no such rule)`, 'no_rule');
  const current = ruleSetting(db, def);
  const next = { ...current.params };
  const problems: string[] = [];
  for (const [k, v] of Object.entries(body.params ?? {})) {
    const why = paramProblem(def, k, v);
    if (why) problems.push(why);
    else next[k] = v as number;
  }
  if (problems.length) throw new UserInputError(problems.join('；'), 'bad_param');
  const enabled = body.enabled ?? current.enabled;
  db.transaction(() => {
    const version = current.version + 1;
    db.prepare('INSERT INTO monitor_rule_version (rule, version, params, enabled, saved_by, saved_at) VALUES (?, ?, ?, ?, ?, ?)').run(
      def.id,
      version,
      JSON.stringify(next),
      enabled ? 1 : 0,
      username,
      new Date().toISOString(),
    );
    auditInTransaction(db, { username, action: 'settings', target: `monitor:${def.id}`, detail: { version, params: next, enabled } });
  })();
  return ruleInfo(db, def);
}
