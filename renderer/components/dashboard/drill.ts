// Where a click on a figure leads (shared/dashboard.ts DrillRef): a scope drill narrows the whole
// console's context (?org= / ?staff=, which every page follows); a list drill opens the rows
// behind the figure at /drill/:list with the core's parameters as its query (the URL is the list).
// Pure: the view applies the result (and clears the store's staff first when the drill drops it).
import type { LocationQuery, LocationQueryRaw } from 'vue-router';
import type { DrillRef } from '../../../shared/dashboard.js';

export type DrillMove =
  | { to: 'scope'; query: LocationQueryRaw; clearStaff: boolean }
  | { to: 'list'; path: string; query: LocationQueryRaw };

export function drillMove(d: DrillRef, current: LocationQuery): DrillMove {
  if (d.kind === 'list') return { to: 'list', path: `/drill/${encodeURIComponent(d.list)}`, query: { ...d.params } };
  const query: LocationQueryRaw = { ...current };
  if (d.org) query.org = d.org;
  if (d.staff) query.staff = d.staff;
  // an org of its own is a new scope: the staff filter of the old one does not carry into it
  const clearStaff = !!d.org && !d.staff;
  if (clearStaff) delete query.staff;
  return { to: 'scope', query, clearStaff };
}
