// Checks every dashboard test applies: a chart is drawn or says what is missing (never empty
// axes), and each drill ref leads somewhere real inside the dashboard's target.
import { expect } from 'vitest';
import type { Db } from '../../../electron/core/db/connection.js';
import type { Target } from '../../../electron/core/indicators/index.js';
import { DRILL_LISTS, DRILL_OF, type ChartSpec, type DashboardSpec, type DrillRef } from '../../../shared/dashboard.js';
import { isDay } from '../../../shared/dates.js';

/** 元 with 2 decimals → integer 分 (the figures are 分 ÷ 100, so rounding only undoes the division). */
export const fenOf = (yuan: number): number => Math.round(yuan * 100);

export function checkShape(c: ChartSpec, where: string): void {
  if (c.empty !== undefined) {
    expect(c.empty.length, `${where} ${c.id}: an empty chart says why`).toBeGreaterThan(5);
    expect(c.series, `${where} ${c.id}: no axes when empty`).toEqual([]);
    return;
  }
  expect(c.categories.length, `${where} ${c.id}`).toBeGreaterThan(0);
  expect(c.series.length, `${where} ${c.id}`).toBeGreaterThan(0);
  for (const s of c.series) {
    expect(s.data.length, `${where} ${c.id} ${s.name}`).toBe(c.categories.length);
    if (s.drill) expect(s.drill.length, `${where} ${c.id} ${s.name}`).toBe(c.categories.length);
    if (s.yAxis === 1) expect(c.unit2, `${where} ${c.id}: a right axis has its unit`).toBeDefined();
  }
  if (c.kind === 'matrix') expect(c.rows?.length, `${where} ${c.id}`).toBe(c.series.length);
}

export function allDrills(s: DashboardSpec): { where: string; drill: DrillRef }[] {
  const out: { where: string; drill: DrillRef }[] = [];
  for (const k of s.kpis) if (k.drill) out.push({ where: `kpi ${k.key}`, drill: k.drill });
  for (const c of s.charts) for (const ser of c.series) ser.drill?.forEach((d, i) => d && out.push({ where: `${c.id} ${ser.name} ${c.categories[i]}`, drill: d }));
  return out;
}

/** The staff and orgs a scope drill names exist and lie inside the target; a list drill names its list, key, date and the target. */
export function checkDrill(db: Db, t: Target, d: DrillRef, date: string, where: string): void {
  if (d.kind === 'scope') {
    expect(t.type, `${where}: a staff member is a leaf`).not.toBe('staff');
    expect(Object.keys(d).sort(), where).toEqual(['kind', d.org !== undefined ? 'org' : 'staff'].sort());
    if (d.org !== undefined) {
      const parent = db.prepare('SELECT parent_id FROM org WHERE org_id = ?').pluck().get(d.org) as string | null | undefined;
      expect(parent, `${where}: org ${d.org} exists`).not.toBeUndefined();
      if (t.type === 'org') expect(parent, `${where}: a child of ${t.id}`).toBe(t.id);
    } else {
      const org = db.prepare('SELECT org_id FROM staff WHERE staff_id = ?').pluck().get(d.staff) as string | undefined;
      expect(org, `${where}: staff ${d.staff} exists`).toBeDefined();
      if (t.orgIds !== null) expect(t.orgIds, `${where}: staff ${d.staff} inside the target`).toContain(org);
    }
    return;
  }
  expect(DRILL_LISTS, where).toContain(d.list);
  const { key, cat, date: day, org, staff, ...rest } = d.params;
  expect(DRILL_OF[key], `${where}: ${key} opens ${d.list}`).toBe(d.list);
  expect(rest, where).toEqual({});
  expect(isDay(day), where).toBe(true);
  if (!where.includes('trend')) expect(day, where).toBe(date);
  expect(org ?? null, where).toBe(t.type === 'org' ? t.id : null);
  expect(staff ?? null, where).toBe(t.type === 'staff' ? t.id : null);
  if (cat !== undefined) expect(cat.length, where).toBeGreaterThan(0);
}
