// What 方案与目标 shows, read from its URL (?tab=&type=&period=), and whether moving from one such
// view to another throws away what is being edited: the guard of the page asks first (issue 12:
// typed targets vanished without a word when the period changed). No DOM: unit-tested in Node.
import type { LocationQuery } from 'vue-router';
import type { ObjectType } from '../../../shared/assessment.js';
import { parsePeriodText } from '../assess/period.js';

export interface SchemePageView {
  tab: 'scheme' | 'targets';
  type: ObjectType;
  /** the targets' period; '' while the default (the latest data day's month) is not known */
  period: string;
}

/** The view of a query; a period missing or unreadable is the default one, as the page shows it. */
export function viewOf(q: LocationQuery, defaultPeriod: string): SchemePageView {
  const p = typeof q.period === 'string' && parsePeriodText(q.period) ? q.period : defaultPeriod;
  return { tab: q.tab === 'targets' ? 'targets' : 'scheme', type: q.type === 'staff' ? 'staff' : 'org', period: p };
}

/**
 * Whether the part being edited is replaced: another tab unmounts it, another object type reloads
 * both parts, another period reloads the targets grid (the scheme does not depend on it).
 */
export function dropsEdits(from: SchemePageView, to: SchemePageView): boolean {
  if (from.tab !== to.tab || from.type !== to.type) return true;
  return from.tab === 'targets' && from.period !== to.period;
}
