// A dashboard as data (shared/dashboard.ts): the composer the API, the renderer (through the API)
// and the documents (XLSX, PDF) all call, so every rendering shows the same numbers. Figures come
// only from electron/core/indicators; see docs/ARCHITECTURE.md "Dashboards".
import type { DashboardSpec, ChartSpec, Kpi } from '../../../shared/dashboard.js';
import type { DashboardId } from '../../../shared/indicators.js';
import type { Db } from '../db/connection.js';
import type { Target } from '../indicators/index.js';
import { acquiring } from './acquiring.js';
import { dashboardEmpty } from './availability.js';
import { cardVisit } from './card-visit.js';
import { DashContext, type Lang } from './context.js';
import { coverage } from './coverage.js';
import { deposit } from './deposit.js';
import { ebank } from './ebank.js';
import { loan } from './loan.js';
import { overview } from './overview.js';
import { quality } from './quality.js';

export { resolveBase } from './base.js';
export type { Lang } from './context.js';

type Builder = (ctx: DashContext) => { kpis: Kpi[]; charts: ChartSpec[] };

const DASHBOARDS: Record<DashboardId, { zh: string; en: string; build: Builder }> = {
  overview: { zh: '总览', en: 'Overview', build: overview },
  deposit: { zh: '存款', en: 'Deposits', build: deposit },
  loan: { zh: '贷款', en: 'Loans', build: loan },
  quality: { zh: '资产质量', en: 'Asset quality', build: quality },
  ebank: { zh: '中间业务与电子银行', en: 'Fee business & e-banking', build: ebank },
  acquiring: { zh: '收单', en: 'Acquiring', build: acquiring },
  card_visit: { zh: '贷记卡与走访', en: 'Credit cards & visits', build: cardVisit },
  coverage: { zh: '18项覆盖', en: '18-item coverage', build: coverage },
};

export interface DashboardRequest {
  date: string;
  /** the comparison date (resolve a BASE_KINDS kind with resolveBase first) */
  base: string | null;
  target: Target;
  lang: Lang;
  /** KPIs also carry their figure 剔除 confirmed monitoring alerts (Kpi.excluded) */
  excludeConfirmed?: boolean;
}

/** The dashboard's title in the language. */
export function dashboardTitle(id: DashboardId, lang: Lang): string {
  return DASHBOARDS[id][lang];
}

/** One dashboard for a date, a base and a target; `empty` (and no charts) when the date has no data at all. */
export function dashboardSpec(db: Db, id: DashboardId, req: DashboardRequest): DashboardSpec {
  const d = DASHBOARDS[id];
  const ctx = new DashContext(db, req);
  const spec: DashboardSpec = {
    id,
    title: d[req.lang],
    date: req.date,
    base: req.base,
    scope: { type: req.target.type, id: req.target.id, name: req.target.name },
    kpis: [],
    charts: [],
  };
  const empty = dashboardEmpty(ctx);
  if (empty) return { ...spec, empty };
  return { ...spec, ...d.build(ctx) };
}
