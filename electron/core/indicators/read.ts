// Reading indicators for a target and a date (stub: filled in by the lead).
import type { Db } from '../db/connection.js';
import type { IndicatorSet } from '../../../shared/indicators.js';
import type { Target } from './target.js';

/** Every key of shared/indicators.ts INDICATORS for the target as of `date` (YYYY-MM-DD). */
export function readIndicators(db: Db, date: string, target: Target): IndicatorSet {
  void db;
  void date;
  void target;
  throw new Error('not implemented yet');
}

export interface TargetFigures {
  id: string;
  name: string;
  /** for orgs: 支行/分理处; for staff: their 岗位 */
  level: string | null;
  indicators: IndicatorSet;
}

/**
 * The same figures split one level down: `children` = each org right below the target's org
 * (for the bank: the head office's children), each rolled up over its own subtree; `staff` = each
 * staff member with rows inside the target's orgs (their rows inside those orgs only).
 */
export function readIndicatorsBy(db: Db, date: string, target: Target, by: 'children' | 'staff'): TargetFigures[] {
  void db;
  void date;
  void target;
  void by;
  throw new Error('not implemented yet');
}
