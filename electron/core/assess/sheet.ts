// 考核表: the sheets of a period for every org and staff member of the bank, computed from the
// schemes in force, the period's targets, the actuals (actuals.ts), the confirmed alerts
// (deductions.ts) and the manual adjustments; ranked among peers (orgs of the same 机构层级; all
// staff members).
//
// Decision: sheets are always computed for the whole bank and a caller is shown those of the
// objects in their scope (select.ts). A sheet is the object's official figure, the one a locked
// period freezes: it must read the same whoever opens it, and a rank is among all peers of the
// bank. So a staff member's sheet counts every row naming them, as the `assess` command does,
// whichever branch the reader sits in.
import type { AssessResult, ObjectType, Scheme, Sheet, TargetIndicatorId } from '../../../shared/assessment.js';
import type { Db } from '../db/connection.js';
import { resolveTarget } from '../indicators/index.js';
import { loadOrgTree } from '../metrics/org-tree.js';
import { wholeBankScope } from '../scope/index.js';
import { readActuals, type Actuals } from './actuals.js';
import { readAdjustments } from './adjustments.js';
import { confirmedAlerts, deductionsOf } from './deductions.js';
import { evaluationDate, type Period } from './period.js';
import { ranks } from './rank.js';
import { currentScheme } from './scheme.js';
import { sheetRow } from './score.js';
import { readTargets, targetIndex } from './targets.js';

export interface SheetObject {
  type: ObjectType;
  id: string;
  name: string;
  /** peers share a group: an org's 机构层级, every staff member one group */
  group: string;
  /** the org it sits in (for a staff member: their 所属机构号), for the scope */
  org: string | null;
}

/** Every org (parents first) and staff member (by 员工号) of the bank. */
export function allObjects(db: Db): SheetObject[] {
  const tree = loadOrgTree(db);
  const orgs = tree.orgs.map((o): SheetObject => ({ type: 'org', id: o.org_id, name: o.name, group: o.level ?? '', org: o.org_id }));
  const staff = (db.prepare('SELECT staff_id, name, org_id FROM staff ORDER BY staff_id').all() as { staff_id: string; name: string; org_id: string | null }[]).map(
    (s): SheetObject => ({ type: 'staff', id: s.staff_id, name: s.name, group: 'staff', org: s.org_id }),
  );
  return [...orgs, ...staff];
}

/** The whole bank's sheets for the period, live (lock.ts decides whether to use them). */
export function computeResult(db: Db, p: Period): AssessResult {
  const { asOf, progress } = evaluationDate(db, p);
  const objects = allObjects(db);
  const schemes: Record<ObjectType, Scheme> = { org: currentScheme(db, 'org'), staff: currentScheme(db, 'staff') };
  const ids = (t: ObjectType): TargetIndicatorId[] => schemes[t].indicators.map((i) => i.indicator);
  const bank = resolveTarget(db, wholeBankScope(), {});
  const actuals = readActuals(
    db,
    p,
    asOf,
    bank,
    { orgs: objects.filter((o) => o.type === 'org').map((o) => o.id), staff: objects.filter((o) => o.type === 'staff').map((o) => o.id) },
    { org: ids('org'), staff: ids('staff') },
  );
  const targets = targetIndex(readTargets(db, p).cells);
  const alerts = confirmedAlerts(db, p, loadOrgTree(db));
  const adjustments = readAdjustments(db, p);

  const sheets = objects.map((o): Sheet => {
    const scheme = schemes[o.type];
    const act = (o.type === 'org' ? actuals.org : actuals.staff).get(o.id) as Actuals;
    const tg = targets.get(`${o.type}:${o.id}`);
    const rows = scheme.indicators.map((s) => sheetRow(s, tg?.get(s.indicator) ?? null, act.get(s.indicator)!));
    const ded = deductionsOf(alerts, o.type, o.id, scheme.deduction);
    const adj = adjustments.get(`${o.type}:${o.id}`) ?? [];
    const adjTotal = adj.reduce((s, a) => s + a.points, 0);
    const scores = rows.reduce((s, r) => s + r.score, 0);
    return {
      object: { type: o.type, id: o.id, name: o.name },
      scheme_version: scheme.version,
      rows,
      deductions: ded.total,
      deduction_items: ded.items,
      adjustments: adjTotal,
      adjustment_items: adj,
      total: scores - ded.total + adjTotal,
      full: rows.reduce((s, r) => s + (r.target === null ? 0 : r.weight), 0),
      rank: 0,
    };
  });
  // rank within each peer group
  const groups = new Map<string, number[]>();
  objects.forEach((o, i) => {
    const k = `${o.type}\u0001${o.group}`;
    const l = groups.get(k);
    if (l) l.push(i);
    else groups.set(k, [i]);
  });
  for (const idx of groups.values()) {
    const r = ranks(idx.map((i) => sheets[i].total));
    idx.forEach((i, k) => (sheets[i].rank = r[k]));
  }
  return { period: p.id, as_of: asOf, progress, locked: null, sheets };
}
