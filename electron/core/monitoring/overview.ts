// 监测总览 (issue 10 "Overview"): the monitoring dashboard as a DashboardSpec (shared/dashboard.ts),
// drawn by the dashboards' own chart component: alerts by family over the months, alerts by family
// per org, the staff members with the most confirmed alerts, and 存款偏离度 per branch against the
// threshold line (the deposit dashboard's own chart, so the two show one figure).
//
// The alerts counted are those of the target (the caller's scope narrowed by ?org=, as the figures
// are): an org's subtree, or a staff member's. Counts are of alerts, one per rule, subject and month.
import type { ChartSpec, DashboardSpec, Kpi } from '../../../shared/dashboard.js';
import { FAMILY_LABELS, MONITOR_FAMILIES, STATUS_LABELS, type AlertStatus, type MonitorFamily } from '../../../shared/monitoring.js';
import type { Db } from '../db/connection.js';
import { DashContext, type Lang } from '../dashboards/context.js';
import { deviationThreshold } from '../dashboards/deposit.js';
import { split } from '../dashboards/parts.js';
import { perUnit } from '../dashboards/per-unit.js';
import type { Target } from '../indicators/index.js';
import { loadOrgTree } from '../metrics/org-tree.js';

/** How many months the charts over time show (the date's month and the ones before it). */
export const OVERVIEW_MONTHS = 12;
/** How many staff members the ranking shows. */
export const TOP_STAFF = 10;

interface Row {
  family: MonitorFamily;
  period: string;
  status: AlertStatus;
  org_id: string | null;
  staff_id: string | null;
  staff_name: string | null;
}

/** The months 'YYYY-MM' ending with the date's, oldest first. */
export function overviewMonths(date: string, n = OVERVIEW_MONTHS): string[] {
  let y = +date.slice(0, 4);
  let m = +date.slice(5, 7);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    out.unshift(`${y}-${String(m).padStart(2, '0')}`);
    m--;
    if (m === 0) (m = 12), y--;
  }
  return out;
}

/** The target's alerts of the months (its orgs; its staff member for a staff target). */
function alertsOf(db: Db, target: Target, months: string[]): Row[] {
  const where = ['a.period >= @from', 'a.period <= @to'];
  const params: Record<string, unknown> = { from: months[0], to: months[months.length - 1] };
  if (target.orgIds !== null) {
    where.push('a.org_id IN (SELECT value FROM json_each(@orgs))');
    params.orgs = JSON.stringify(target.orgIds);
  }
  if (target.staffId !== null) {
    where.push('a.staff_id = @staff');
    params.staff = target.staffId;
  }
  return db
    .prepare(
      `SELECT a.family, a.period, a.status, a.org_id, a.staff_id, s.name AS staff_name
         FROM monitor_alert a LEFT JOIN staff s ON s.staff_id = a.staff_id WHERE ${where.join(' AND ')}`,
    )
    .all(params) as Row[];
}

export interface OverviewRequest {
  date: string;
  target: Target;
  lang: Lang;
}

export function monitoringOverview(db: Db, req: OverviewRequest): DashboardSpec {
  const ctx = new DashContext(db, { date: req.date, base: null, target: req.target, lang: req.lang });
  const months = overviewMonths(req.date);
  const rows = alertsOf(db, req.target, months);
  const fam = (f: MonitorFamily) => FAMILY_LABELS[f][req.lang];
  const monthRows = rows.filter((r) => r.period === req.date.slice(0, 7));

  const kpis: Kpi[] = (['pending', 'confirmed', 'dismissed'] as const).map((s) => ({
    key: `alerts_${s}`,
    label: ctx.t(`本月${STATUS_LABELS[s].zh}`, `${STATUS_LABELS[s].en} this month`),
    unit: 'count',
    value: monthRows.filter((r) => r.status === s).length,
    base: null,
    change: null,
    target: null,
    drill: null,
  }));

  const charts: ChartSpec[] = [byMonth(ctx, rows, months, fam), byUnit(ctx, db, rows, fam), topStaff(ctx, rows)];
  const by = perUnit(ctx);
  if (by) {
    charts.push(
      split(ctx, {
        id: 'deposit_deviation_by_unit',
        title: by === 'children' ? ctx.t('存款偏离度（分机构）', 'Deposit deviation by org') : ctx.t('存款偏离度（分员工）', 'Deposit deviation by staff member'),
        keys: ['deposit_deviation'],
        by,
        threshold: deviationThreshold(ctx),
        needs: 'deposit',
      }),
    );
  }
  return {
    id: 'monitoring',
    title: ctx.t('监测总览', 'Monitoring overview'),
    date: req.date,
    base: null,
    scope: { type: req.target.type, id: req.target.id, name: req.target.name },
    kpis,
    charts,
  };
}

function byMonth(ctx: DashContext, rows: Row[], months: string[], fam: (f: MonitorFamily) => string): ChartSpec {
  const spec: ChartSpec = { id: 'alerts_by_month', title: ctx.t(`近${months.length}个月预警数（按业务类别）`, `Alerts by family, last ${months.length} months`), kind: 'bar', unit: 'count', categories: months, series: [] };
  if (!rows.length) return { ...spec, empty: ctx.t('这些月份没有预警。', 'No alerts in these months.') };
  const at = new Map(months.map((m, i) => [m, i]));
  spec.series = MONITOR_FAMILIES.map((f) => {
    const data = months.map(() => 0);
    for (const r of rows) if (r.family === f) data[at.get(r.period)!]++;
    return { name: fam(f), data };
  }).filter((s) => s.data.some((v) => v > 0));
  return spec;
}

/** Per child org (each over its subtree; the target's own alerts as one more bar), or per staff member below a leaf org. */
function byUnit(ctx: DashContext, db: Db, rows: Row[], fam: (f: MonitorFamily) => string): ChartSpec {
  const t = ctx.target;
  const spec: ChartSpec = { id: 'alerts_by_unit', title: ctx.t('预警数（分机构、按业务类别）', 'Alerts by org and family'), kind: 'bar', unit: 'count', categories: [], series: [] };
  if (t.type === 'staff') return { ...spec, empty: ctx.t('员工没有下级机构。', 'A staff member has no orgs below.') };
  const tree = loadOrgTree(db);
  const parent = t.type === 'org' ? t.id : tree.roots.length === 1 ? tree.roots[0].org_id : null;
  const kids = parent === null ? tree.roots : tree.children(parent);
  let unitOf: (r: Row) => string | null;
  let units: { id: string; name: string }[];
  const own = ctx.t('本级及其他', 'Own and other');
  if (kids.length) {
    const ids = new Set(kids.map((k) => k.org_id));
    units = kids.map((k) => ({ id: k.org_id, name: k.name }));
    unitOf = (r) => (r.org_id === null ? null : (tree.ancestors(r.org_id).find((a) => ids.has(a)) ?? null));
  } else {
    spec.title = ctx.t('预警数（分员工、按业务类别）', 'Alerts by staff member and family');
    const names = new Map<string, string>();
    for (const r of rows) if (r.staff_id !== null) names.set(r.staff_id, r.staff_name ?? r.staff_id);
    units = [...names.entries()].map(([id, name]) => ({ id, name })).sort((a, b) => a.id.localeCompare(b.id));
    unitOf = (r) => r.staff_id;
  }
  if (!rows.length) return { ...spec, empty: ctx.t('这些月份没有预警。', 'No alerts in these months.') };
  const at = new Map(units.map((u, i) => [u.id, i]));
  const hasOwn = rows.some((r) => at.get(unitOf(r) ?? '') === undefined);
  spec.categories = [...units.map((u) => u.name), ...(hasOwn ? [own] : [])];
  spec.series = MONITOR_FAMILIES.map((f) => {
    const data = spec.categories.map(() => 0);
    for (const r of rows) if (r.family === f) data[at.get(unitOf(r) ?? '') ?? units.length]++;
    return { name: fam(f), data };
  }).filter((s) => s.data.some((v) => v > 0));
  return spec;
}

function topStaff(ctx: DashContext, rows: Row[]): ChartSpec {
  const spec: ChartSpec = { id: 'top_confirmed_staff', title: ctx.t(`已确认预警最多的员工（前${TOP_STAFF}名）`, `Staff with the most confirmed alerts (top ${TOP_STAFF})`), kind: 'hbar', unit: 'count', categories: [], series: [] };
  const counts = new Map<string, { name: string; n: number }>();
  for (const r of rows) {
    if (r.status !== 'confirmed' || r.staff_id === null) continue;
    const c = counts.get(r.staff_id) ?? { name: r.staff_name ? ctx.t(`${r.staff_name}（${r.staff_id}）`, `${r.staff_name} (${r.staff_id})`) : r.staff_id, n: 0 };
    c.n++;
    counts.set(r.staff_id, c);
  }
  const top = [...counts.entries()].sort((a, b) => b[1].n - a[1].n || a[0].localeCompare(b[0])).slice(0, TOP_STAFF);
  if (!top.length) return { ...spec, empty: ctx.t('这些月份没有已确认的预警。', 'No confirmed alerts in these months.') };
  spec.categories = top.map(([, c]) => c.name);
  spec.series = [{ name: ctx.t('已确认预警', 'Confirmed alerts'), data: top.map(([, c]) => c.n) }];
  return spec;
}
