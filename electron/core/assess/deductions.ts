// 扣分: per confirmed monitoring alert of the object in the period (monitoring/alerts.ts; an
// alert's period is the month of its case), per_alert points each, at most `max` per object and
// period (the scheme's deduction rule; DATA.md: 1 and 10 by default).
//
// Whose alert: a staff member's are those naming them (staff_id); an org's are those whose org is
// the org or any org below it, as its figures are rolled up (a 分理处's inflated deposits are its
// 支行's too). Only 已确认 alerts count: pending ones are not yet findings, dismissed ones never were.
import type { ObjectType, Scheme, SheetDeduction } from '../../../shared/assessment.js';
import type { Db } from '../db/connection.js';
import type { OrgTree } from '../metrics/org-tree.js';
import type { Period } from './period.js';

interface AlertRow {
  alert_id: number;
  rule: string;
  summary: string;
  org_id: string | null;
  staff_id: string | null;
}

export interface Deductions {
  total: number;
  items: SheetDeduction[];
}

/** The period's confirmed alerts, indexed by every org they count for and by staff member. */
export function confirmedAlerts(db: Db, p: Period, tree: OrgTree): { byOrg: Map<string, AlertRow[]>; byStaff: Map<string, AlertRow[]> } {
  const rows = db
    .prepare(
      `SELECT alert_id, rule, summary, org_id, staff_id FROM monitor_alert
        WHERE status = 'confirmed' AND period >= ? AND period <= ? ORDER BY alert_id`,
    )
    .all(p.months[0], p.months[p.months.length - 1]) as AlertRow[];
  const byOrg = new Map<string, AlertRow[]>();
  const byStaff = new Map<string, AlertRow[]>();
  const push = (m: Map<string, AlertRow[]>, k: string, a: AlertRow) => {
    const l = m.get(k);
    if (l) l.push(a);
    else m.set(k, [a]);
  };
  for (const a of rows) {
    if (a.org_id !== null) for (const o of tree.ancestors(a.org_id)) push(byOrg, o, a);
    if (a.staff_id !== null) push(byStaff, a.staff_id, a);
  }
  return { byOrg, byStaff };
}

/** The deductions of one object: each alert listed with per_alert points, the total capped at max. */
export function deductionsOf(alerts: ReturnType<typeof confirmedAlerts>, type: ObjectType, id: string, rule: Scheme['deduction']): Deductions {
  const list = (type === 'org' ? alerts.byOrg : alerts.byStaff).get(id) ?? [];
  const items = list.map((a) => ({ alert_id: a.alert_id, rule: a.rule, summary: a.summary, points: rule.per_alert }));
  return { total: Math.min(rule.per_alert * items.length, rule.max), items };
}
