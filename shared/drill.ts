// A drill-down list: the rows behind one clickable figure (shared/dashboard.ts DRILL_OF), as the
// core returns it (electron/core/drill) and the renderer draws it (renderer/views/DrillView.vue).
import type { DrillListId } from './dashboard.js';

/** How a column's cells are written: 'fen' cells are integer 分 (shown in 元), 'day' YYYY-MM-DD. */
export type DrillColumnKind = 'text' | 'fen' | 'count' | 'day';

export interface DrillColumn {
  key: string;
  zh: string;
  en: string;
  kind: DrillColumnKind;
}

export type DrillCell = string | number | null;

export interface DrillTotal {
  zh: string;
  en: string;
  /** as the indicator: 元 (2 decimals, from an integer 分 sum), an exact count, an unrounded ratio or average */
  unit: 'yuan' | 'count' | 'ratio' | 'avg';
  /** the figure that was clicked, over the whole list (every page); null when its denominator is 0 */
  value: number | null;
}

export interface DrillPage {
  list: DrillListId;
  key: string;
  cat: string | null;
  /** the as-of date asked for, and the snapshot it resolved to (deposit and loan lists; else null) */
  date: string;
  snapshot: string | null;
  target: { type: 'bank' | 'org' | 'staff'; id: string | null; name: string };
  columns: DrillColumn[];
  rows: DrillCell[][];
  total: DrillTotal;
  /** how many rows the whole list has */
  count: number;
  /** pass as `after` for the next page; null on the last page */
  nextCursor: string | null;
  /** names masked (the default; unmasked only with customer:reveal and reveal=1) */
  masked: boolean;
}

/** What a withheld identifying cell holds (electron/core/drill/lists.ts visibleCells): the row counts
 *  in the figure, whose it is is not the caller's to see. The renderer shows it in the page's language. */
export const WITHHELD = '（范围外客户）';

export const DRILL_PAGE_DEFAULT = 50;
export const DRILL_PAGE_MAX = 500;
