// Running the rules over a period and keeping their alerts (issue 10 "Runs" and "Workflow").
//
// A run covers whole months: from the first day of the month of `from` to `to`. Each enabled rule
// runs with the parameters in force, pinned as a stored version first (settings.ts pinRuleSettings:
// the version an alert records holds exactly the parameters used); each finding becomes the alert
// of its rule, subject and period (one per), recording the rule version. In the months a run
// covers, for the rules it ran:
// - a pending alert found again is refreshed (evidence, score, summary, version);
// - a decided alert (已确认/已排除) keeps its decision whatever the run finds: a dismissed case
//   never comes back as new for the same evidence; when the evidence differs from what was
//   decided on, `evidence_hash` moves away from `decided_hash` and the screens say so;
// - a pending alert not found any more is dropped (nobody decided on it); a decided one is kept,
//   marked not found.
import crypto from 'node:crypto';
import type { Db } from '../db/connection.js';
import { RULES, type RuleId } from '../../../shared/monitoring.js';
import { assertDay, monthStart } from '../../../shared/dates.js';
import { UserInputError } from '../errors.js';
import type { Finding, RuleDef, RunPeriod } from './rule.js';
import { RULE_DEFS } from './rules/index.js';
import { pinRuleSettings, ruleSetting, type RuleSetting } from './settings.js';

export interface RunResult {
  period: RunPeriod;
  findings: (Finding & { ruleVersion: number })[];
  /** per rule: wall ms, CPU ms of the process (user + system: steadier than wall on a shared machine) and number of findings */
  rules: { rule: RuleId; ms: number; cpuMs: number; findings: number }[];
}

/** The months 'YYYY-MM' from `from` to `to`. */
export function monthsOf(p: RunPeriod): string[] {
  const out: string[] = [];
  let y = +p.from.slice(0, 4);
  let m = +p.from.slice(5, 7);
  const end = p.to.slice(0, 7);
  for (;;) {
    const k = `${y}-${String(m).padStart(2, '0')}`;
    out.push(k);
    if (k >= end) return out;
    m++;
    if (m > 12) (m = 1), y++;
  }
}

export function runPeriod(from: string, to: string): RunPeriod {
  assertDay(from, 'from');
  assertDay(to, 'to');
  if (from > to) throw new UserInputError(`起始日期 ${from} 晚于截止日期 ${to} (from is after to)`, 'bad_range');
  return { from: monthStart(from), to };
}

/**
 * Runs the enabled rules (or the ones named, whatever their switch) without storing anything.
 * `settings`: the pinned settings of a run (they decide which rules run); `params` (回测) override
 * the ones in force and mark the findings version -1: no stored version names them.
 */
export function evaluate(
  db: Db,
  period: RunPeriod,
  opts: { rules?: readonly RuleId[]; params?: Partial<Record<RuleId, Record<string, number>>>; settings?: ReadonlyMap<RuleId, RuleSetting> } = {},
): RunResult {
  const settingOf = (d: RuleDef) => opts.settings?.get(d.id) ?? ruleSetting(db, d);
  const defs: RuleDef[] = RULE_DEFS.filter((d) => (opts.rules ? opts.rules.includes(d.id) : opts.settings ? opts.settings.has(d.id) : settingOf(d).enabled));
  const result: RunResult = { period, findings: [], rules: [] };
  for (const def of defs) {
    const setting = settingOf(def);
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const params = { ...setting.params, ...(opts.params?.[def.id] ?? {}) };
    const found = def.run({ db, period, params }).filter((f) => f.period >= period.from.slice(0, 7) && f.period <= period.to.slice(0, 7));
    const cpu = process.cpuUsage(c0);
    result.rules.push({ rule: def.id, ms: Math.round(performance.now() - t0), cpuMs: Math.round((cpu.user + cpu.system) / 1000), findings: found.length });
    for (const f of found) result.findings.push({ ...f, ruleVersion: opts.params?.[def.id] ? -1 : setting.version });
  }
  return result;
}

export function evidenceHash(f: Pick<Finding, 'evidence'>): string {
  return crypto.createHash('sha256').update(JSON.stringify(f.evidence)).digest('hex').slice(0, 32);
}

/** Runs and stores: see the rules at the top. Returns the run's findings. */
export function runAndStore(db: Db, from: string, to: string, trigger: 'import' | 'undo' | 'manual' | 'cli'): RunResult & { runId: number } {
  const period = runPeriod(from, to);
  const started = new Date().toISOString();
  const t0 = performance.now();
  const runId = Number(db.prepare('INSERT INTO monitor_run (trigger, period_from, period_to, started_at) VALUES (?, ?, ?, ?)').run(trigger, period.from, period.to, started).lastInsertRowid);
  try {
    const settings = pinRuleSettings(db, RULE_DEFS.filter((d) => ruleSetting(db, d).enabled));
    const result = evaluate(db, period, { settings });
    db.transaction(() => store(db, period, result))();
    db.prepare('UPDATE monitor_run SET finished_at = ?, alerts = ?, ms = ? WHERE run_id = ?').run(new Date().toISOString(), result.findings.length, Math.round(performance.now() - t0), runId);
    return { ...result, runId };
  } catch (e) {
    db.prepare('UPDATE monitor_run SET finished_at = ?, error = ?, ms = ? WHERE run_id = ?').run(new Date().toISOString(), (e as Error).message, Math.round(performance.now() - t0), runId);
    throw e;
  }
}

function store(db: Db, period: RunPeriod, result: RunResult): void {
  const now = new Date().toISOString();
  const months = monthsOf(period);
  const ran = result.rules.map((r) => r.rule);
  const seen = new Set<string>();
  const get = db.prepare('SELECT alert_id, status FROM monitor_alert WHERE rule = ? AND subject_type = ? AND subject_id = ? AND period = ?');
  const insert = db.prepare(
    `INSERT INTO monitor_alert (rule, family, rule_version, subject_type, subject_id, period, org_id, staff_id, score, summary, evidence, evidence_hash, effects, first_seen, last_seen)
     VALUES (@rule, @family, @version, @stype, @sid, @period, @org, @staff, @score, @summary, @evidence, @hash, @effects, @now, @now)`,
  );
  const refresh = db.prepare(
    `UPDATE monitor_alert SET rule_version = @version, org_id = @org, staff_id = @staff, score = @score, summary = @summary,
            evidence = @evidence, evidence_hash = @hash, effects = @effects, last_seen = @now, found = 1
      WHERE alert_id = @id`,
  );
  for (const f of result.findings) {
    const row = {
      rule: f.rule,
      family: RULES[f.rule].family,
      version: f.ruleVersion,
      stype: f.subject.type,
      sid: f.subject.id,
      period: f.period,
      org: f.org_id,
      staff: f.staff_id,
      score: f.score,
      summary: f.summary,
      evidence: JSON.stringify(f.evidence),
      hash: evidenceHash(f),
      effects: JSON.stringify(f.effects),
      now,
    };
    const key = `${f.rule}\u0001${f.subject.type}\u0001${f.subject.id}\u0001${f.period}`;
    if (seen.has(key)) continue; // one alert per rule, subject and period: the first finding stands
    seen.add(key);
    const old = get.get(f.rule, f.subject.type, f.subject.id, f.period) as { alert_id: number; status: string } | undefined;
    if (old) refresh.run({ ...row, id: old.alert_id });
    else insert.run(row);
  }
  // what the run no longer finds, in the months and rules it covered
  const stale = db
    .prepare(
      `SELECT alert_id, rule, subject_type, subject_id, period, status FROM monitor_alert
        WHERE period IN (SELECT value FROM json_each(?)) AND rule IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(months), JSON.stringify(ran)) as { alert_id: number; rule: string; subject_type: string; subject_id: string; period: string; status: string }[];
  for (const a of stale) {
    if (seen.has(`${a.rule}\u0001${a.subject_type}\u0001${a.subject_id}\u0001${a.period}`)) continue;
    if (a.status === 'pending') db.prepare('DELETE FROM monitor_alert WHERE alert_id = ?').run(a.alert_id);
    else db.prepare('UPDATE monitor_alert SET found = 0 WHERE alert_id = ?').run(a.alert_id);
  }
}
