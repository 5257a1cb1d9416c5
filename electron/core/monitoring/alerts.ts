// Alerts as the screens and the API read and decide them, always inside the caller's data scope:
// an alert belongs to its org (the row org of the case) and staff member; a scope sees the alerts
// of its orgs (a 客户经理 limited to their own customers: the alerts naming them). Outside the scope
// an alert does not exist (404).
import type { Db } from '../db/connection.js';
import type { Alert, AlertStatus, MonitorFamily, RuleId } from '../../../shared/monitoring.js';
import { auditInTransaction } from '../audit/index.js';
import { NotFoundError } from '../auth/errors.js';
import { UserInputError } from '../errors.js';
import { isWholeBank, type Scope } from '../scope/index.js';

export interface AlertFilter {
  family?: MonitorFamily;
  rule?: RuleId;
  /** only the alerts of this org and the orgs below it (already inside the scope: narrowScope) */
  status?: AlertStatus;
  staff?: string;
  /** months 'YYYY-MM', inclusive */
  periodFrom?: string;
  periodTo?: string;
}

interface Row {
  alert_id: number;
  rule: RuleId;
  family: MonitorFamily;
  rule_version: number;
  subject_type: Alert['subject']['type'];
  subject_id: string;
  period: string;
  org_id: string | null;
  staff_id: string | null;
  score: number;
  summary: string;
  evidence: string;
  evidence_hash: string;
  effects: string;
  status: AlertStatus;
  reason: string | null;
  decided_by: string | null;
  decided_at: string | null;
  decided_hash: string | null;
  first_seen: string;
  last_seen: string;
  org_name: string | null;
  staff_name: string | null;
}

const SELECT = `SELECT a.*, o.name AS org_name, s.name AS staff_name FROM monitor_alert a
  LEFT JOIN org o ON o.org_id = a.org_id LEFT JOIN staff s ON s.staff_id = a.staff_id`;

function scopeSql(scope: Scope): { sql: string; params: Record<string, unknown> } {
  if (isWholeBank(scope)) return { sql: '1', params: {} };
  const parts: string[] = [];
  const params: Record<string, unknown> = {};
  if (scope.orgIds !== null) {
    parts.push('a.org_id IN (SELECT value FROM json_each(@scope_orgs))');
    params.scope_orgs = JSON.stringify(scope.orgIds);
  }
  if (scope.managerId !== null) {
    parts.push('a.staff_id = @scope_manager');
    params.scope_manager = scope.managerId;
  }
  return { sql: parts.join(' AND '), params };
}

function toAlert(r: Row): Alert {
  return {
    id: r.alert_id,
    rule: r.rule,
    family: r.family,
    ruleVersion: r.rule_version,
    subject: { type: r.subject_type, id: r.subject_id },
    org_id: r.org_id,
    staff_id: r.staff_id,
    period: r.period,
    score: r.score,
    summary: r.summary,
    evidence: JSON.parse(r.evidence),
    effects: JSON.parse(r.effects),
    status: r.status,
    reason: r.reason,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    firstSeen: r.first_seen,
    lastSeen: r.last_seen,
    evidenceChanged: r.status !== 'pending' && r.decided_hash !== null && r.decided_hash !== r.evidence_hash,
    orgName: r.org_name,
    staffName: r.staff_name,
  };
}

/** The alerts of the scope matching the filter, highest score first then newest, paged by offset
 *  within a stable order (alert_id breaks ties). */
export function listAlerts(db: Db, scope: Scope, f: AlertFilter = {}, page: { limit?: number; offset?: number } = {}): { total: number; alerts: Alert[] } {
  const s = scopeSql(scope);
  const where: string[] = [s.sql];
  const params: Record<string, unknown> = { ...s.params };
  if (f.family) (where.push('a.family = @family'), (params.family = f.family));
  if (f.rule) (where.push('a.rule = @rule'), (params.rule = f.rule));
  if (f.status) (where.push('a.status = @status'), (params.status = f.status));
  if (f.staff) (where.push('a.staff_id = @staff'), (params.staff = f.staff));
  if (f.periodFrom) (where.push('a.period >= @pfrom'), (params.pfrom = f.periodFrom));
  if (f.periodTo) (where.push('a.period <= @pto'), (params.pto = f.periodTo));
  const w = where.join(' AND ');
  const total = db.prepare(`SELECT COUNT(*) FROM monitor_alert a WHERE ${w}`).pluck().get(params) as number;
  const limit = Math.min(Math.max(page.limit ?? 50, 1), 5000);
  const rows = db.prepare(`${SELECT} WHERE ${w} ORDER BY a.score DESC, a.alert_id DESC LIMIT @limit OFFSET @offset`).all({ ...params, limit, offset: page.offset ?? 0 }) as Row[];
  return { total, alerts: rows.map(toAlert) };
}

export class AlertNotFoundError extends NotFoundError {
  constructor(id: number) {
    super(`预警 #${id} 不存在。 (No such alert.)`, 'no_alert');
  }
}

export function getAlert(db: Db, scope: Scope, id: number): Alert {
  const s = scopeSql(scope);
  const r = db.prepare(`${SELECT} WHERE a.alert_id = @id AND ${s.sql}`).get({ ...s.params, id }) as Row | undefined;
  if (!r) throw new AlertNotFoundError(id);
  return toAlert(r);
}

/**
 * 待核实 → 已确认 or 已排除 (a reason is required to dismiss), or back to 待核实 (reopen, with a
 * reason); who, when and why audited in the same transaction. The evidence decided on is recorded,
 * so a later run that finds other evidence is noticed.
 */
export function decideAlert(db: Db, scope: Scope, id: number, decision: { status: AlertStatus; reason?: string }, username: string): Alert {
  const before = getAlert(db, scope, id);
  const reason = decision.reason?.trim() ?? '';
  if (decision.status === 'dismissed' && reason === '') throw new UserInputError('排除预警须填写理由 (a reason is required to dismiss an alert)', 'reason_required');
  if (decision.status === 'pending' && reason === '') throw new UserInputError('重新打开预警须填写理由 (a reason is required to reopen an alert)', 'reason_required');
  if (decision.status === before.status) throw new UserInputError(`预警 #${id} 已是该状态 (the alert already has this status)`, 'same_status');
  if (reason.length > 500) throw new UserInputError('理由最多 500 字 (at most 500 characters)', 'reason_too_long');
  db.transaction(() => {
    const decided = decision.status === 'pending' ? null : new Date().toISOString();
    db.prepare(
      `UPDATE monitor_alert SET status = @status, reason = @reason, decided_by = @by, decided_at = @at,
              decided_hash = CASE WHEN @status = 'pending' THEN NULL ELSE evidence_hash END
        WHERE alert_id = @id`,
    ).run({ status: decision.status, reason: reason === '' ? null : reason, by: decision.status === 'pending' ? null : username, at: decided, id });
    auditInTransaction(db, { username, action: 'alert', target: `alert:${id}`, detail: { rule: before.rule, subject: before.subject, from: before.status, to: decision.status, reason } });
  })();
  return getAlert(db, scope, id);
}
