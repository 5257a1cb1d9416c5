// The rules' parameters in force, by version (migration 011). Saving validates every value against
// the rule's declared bounds and writes a new version with its audit row in one transaction, so an
// alert's rule_version always names the parameters that raised it.
import type { Db } from '../db/connection.js';
import { RULES, type RuleId, type RuleInfo } from '../../../shared/monitoring.js';
import { auditInTransaction } from '../audit/index.js';
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

/** The latest saved version of a rule, or its defaults as version 0. Parameters added to a rule
 *  after a version was saved take their defaults. */
export function ruleSetting(db: Db, def: RuleDef): RuleSetting {
  const row = db.prepare('SELECT version, params, enabled FROM monitor_rule_version WHERE rule = ? ORDER BY version DESC LIMIT 1').get(def.id) as
    | { version: number; params: string; enabled: number }
    | undefined;
  if (!row) return { version: 0, params: defaults(def), enabled: true };
  const saved = JSON.parse(row.params) as Record<string, number>;
  return { version: row.version, params: { ...defaults(def), ...pick(def, saved) }, enabled: row.enabled === 1 };
}

function pick(def: RuleDef, saved: Record<string, number>): Record<string, number> {
  const keys = new Set(def.params.map((p) => p.key));
  return Object.fromEntries(Object.entries(saved).filter(([k, v]) => keys.has(k) && typeof v === 'number' && Number.isFinite(v)));
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
