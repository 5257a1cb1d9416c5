// The bulletin's 目标进度: for each unit of its branch table (child orgs, or a leaf org's staff), the
// month's targets of the scheme's indicators with the actual on the bulletin's date and the
// completion. Nothing is recomputed here: the actuals are the assessment's (assess/actuals.ts, read
// at the bulletin's date as a 进度 sheet would be), the targets its readTargets, the completion
// score.ts's sheetRow, so a month-end bulletin shows the completions the month's sheet shows.
//
// Decisions: the period is the month of the date (the bulletin is a daily paper; a quarter's or a
// year's targets belong on the sheets); the figures are live at the date, also in a locked month
// (the published sheet is the 考核表's, this is progress); an indicator no unit has a target for is
// left out, and with no target at all the section says so instead of a table of 未设目标.
import { TARGET_INDICATORS, type ObjectType, type TargetIndicatorId } from '../../../shared/assessment.js';
import type { Db } from '../db/connection.js';
import { readActuals } from '../assess/actuals.js';
import { parsePeriod } from '../assess/period.js';
import { currentScheme } from '../assess/scheme.js';
import { sheetRow } from '../assess/score.js';
import { readTargets, targetIndex } from '../assess/targets.js';
import { resolveTarget } from '../indicators/index.js';
import { wholeBankScope } from '../scope/index.js';

export interface ProgressCell {
  target: number;
  /** money in 元, a ratio as a fraction; null when it does not exist (a ratio without denominator) */
  actual: number | null;
  /** unrounded, as the sheet's */
  completion: number | null;
}

export interface BulletinProgress {
  /** the month whose targets are shown, 2024-07 */
  period: string;
  indicators: { id: TargetIndicatorId; label: string; unit: 'yuan' | 'count' | 'ratio'; lowerIsBetter: boolean }[];
  /** one per unit of the branch table, in its order; a null cell is 未设目标 */
  rows: { id: string; name: string; cells: (ProgressCell | null)[] }[];
}

const META = new Map(TARGET_INDICATORS.map((t) => [t.id, t]));

/** The progress of `units` (orgs or staff members) on `date` against the targets of its month; null when none of them has one. */
export function targetProgress(db: Db, date: string, type: ObjectType, units: readonly { id: string; name: string }[], lang: 'zh' | 'en'): BulletinProgress | null {
  if (!units.length) return null;
  const p = parsePeriod(date.slice(0, 7));
  const scheme = currentScheme(db, type);
  const targets = targetIndex(readTargets(db, p).cells);
  const shown = scheme.indicators.filter((s) => units.some((u) => targets.get(`${type}:${u.id}`)?.has(s.indicator)));
  if (!shown.length) return null;
  const ids = shown.map((s) => s.indicator);
  // the sheets' reading: the whole bank, each org over its subtree, a staff member's every row
  const within = resolveTarget(db, wholeBankScope(), {});
  const objects = type === 'org' ? { orgs: units.map((u) => u.id), staff: [] } : { orgs: [], staff: units.map((u) => u.id) };
  const actuals = readActuals(db, p, date, within, objects, { org: ids, staff: ids })[type];
  return {
    period: p.id,
    indicators: shown.map((s) => {
      const t = META.get(s.indicator)!;
      return { id: s.indicator, label: lang === 'zh' ? t.zh : t.en, unit: t.unit, lowerIsBetter: s.lowerIsBetter };
    }),
    rows: units.map((u) => {
      const tg = targets.get(`${type}:${u.id}`);
      const act = actuals.get(u.id)!;
      return {
        id: u.id,
        name: u.name,
        cells: shown.map((s) => {
          const target = tg?.get(s.indicator);
          if (target === undefined) return null;
          const r = sheetRow(s, target, act.get(s.indicator)!);
          return { target, actual: r.actual, completion: r.completion };
        }),
      };
    }),
  };
}
