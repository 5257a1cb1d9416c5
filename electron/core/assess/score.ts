// One row of a sheet, exactly as DATA.md "Assessment" says: completion = actual / target
// (target / actual where lower is better; an actual of 0 there completes at the cap), c = 0 below
// the floor, else min(completion, cap); score = weight × c. Nothing is rounded.
//
// Two cases DATA.md leaves open, decided here: an actual that does not exist (a ratio without a
// denominator: no loans, so no 不良率) completes nothing and scores 0; a target of 0 where higher
// is better is met by any actual (completion = the cap), a negative target cannot be judged
// (completion null, score 0).
import type { SchemeIndicator, SheetRow } from '../../../shared/assessment.js';
import { TARGET_INDICATORS } from '../../../shared/assessment.js';
import type { Actual } from './actuals.js';

const UNIT = new Map(TARGET_INDICATORS.map((t) => [t.id, t.unit]));

export function completionOf(actual: number | null, target: number, s: Pick<SchemeIndicator, 'lowerIsBetter' | 'cap'>): number | null {
  if (actual === null) return null;
  if (s.lowerIsBetter) {
    if (actual === 0) return s.cap;
    if (actual < 0 || target < 0) return null;
    return target / actual;
  }
  if (target === 0) return s.cap;
  if (target < 0) return null;
  return actual / target;
}

/** c of DATA.md: 0 below the floor, else the completion up to the cap. */
export function creditOf(completion: number | null, s: Pick<SchemeIndicator, 'floor' | 'cap'>): number {
  if (completion === null || completion < s.floor) return 0;
  return Math.min(completion, s.cap);
}

/** The sheet row of one scheme indicator; `target` null = 未设目标 (scores 0, out of 满分). */
export function sheetRow(s: SchemeIndicator, target: number | null, actual: Actual): SheetRow {
  if (target === null) return { indicator: s.indicator, target: null, actual: actual.value, completion: null, weight: s.weight, score: 0 };
  // money compared in integer 分 on both sides, so 元 decimals add no float error
  const exactTarget = UNIT.get(s.indicator) === 'yuan' ? Math.round(target * 100) : target;
  const completion = completionOf(actual.exact, exactTarget, s);
  return { indicator: s.indicator, target, actual: actual.value, completion, weight: s.weight, score: s.weight * creditOf(completion, s) };
}
