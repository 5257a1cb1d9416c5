// "Per org" one level down: the child orgs, or for an org with none (a 分理处) its staff; a staff
// member is the leaf and has no such chart.
import type { DashContext } from './context.js';

export function perUnit(ctx: DashContext): 'children' | 'staff' | null {
  if (ctx.target.type === 'staff') return null;
  return ctx.split('children').length > 0 ? 'children' : 'staff';
}

/** "by org" / "by staff member" after a chart title. */
export function perUnitTitle(ctx: DashContext, by: 'children' | 'staff', zh: string, en: string): string {
  return by === 'children' ? ctx.t(`${zh}（分机构）`, `${en} by org`) : ctx.t(`${zh}（分员工）`, `${en} by staff member`);
}
