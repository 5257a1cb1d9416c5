// Indicators, data days, the 五级 migration and the dashboards (issue 9): validate, resolve the
// target inside the caller's scope (?org= and ?staff=), call the core, answer.
import { z } from 'zod';
import { DASHBOARD_IDS, type IndicatorsResult } from '../../../shared/indicators.js';
import { dataDays, migrationMatrix, readIndicators, resolveTarget } from '../indicators/index.js';
import { dashboardSpec, resolveBase } from '../dashboards/index.js';
import { UserInputError } from '../errors.js';
import { isoDate, queryOf } from './errors.js';
import type { Router } from './route.js';
import { scopeOf } from './scope-param.js';

const Who = { org: z.string().trim().max(64).optional(), staff: z.string().trim().max(64).optional() };
const IndicatorsQuery = z.object({ date: isoDate, ...Who });
const MigrationQuery = z.object({ from: isoDate, to: isoDate, ...Who });
const DashboardQuery = z.object({ date: isoDate, base: z.string().trim().max(20).optional(), lang: z.enum(['zh', 'en']).default('zh'), excl: z.enum(['0', '1']).optional(), ...Who });

const who = (q: { org?: string; staff?: string }) => ({ org: q.org || undefined, staff: q.staff || undefined });

export function dashboardRoutes(r: Router): void {
  const { db } = r.rt;
  r.route('get', '/api/indicators', 'data:read', (c, user) => {
    const q = queryOf(c, IndicatorsQuery);
    const target = resolveTarget(db, scopeOf(c, db, user), who(q));
    const body: IndicatorsResult = { date: q.date, scope: { type: target.type, id: target.id }, indicators: readIndicators(db, q.date, target) };
    return c.json(body);
  });
  r.route('get', '/api/indicators/days', 'data:read', (c) => c.json(dataDays(db)));
  r.route('get', '/api/migration', 'data:read', (c, user) => {
    const q = queryOf(c, MigrationQuery);
    if (q.from > q.to) throw new UserInputError(`起始日期 ${q.from} 晚于截止日期 ${q.to}。 (from is after to.)`, 'bad_range');
    const target = resolveTarget(db, scopeOf(c, db, user), who(q));
    return c.json(migrationMatrix(db, q.from, q.to, target));
  });
  r.route('get', '/api/dashboards/:id', 'data:read', (c, user) => {
    const id = c.req.param('id') ?? '';
    if (!(DASHBOARD_IDS as readonly string[]).includes(id)) {
      throw new UserInputError(`没有这个看板：${id.slice(0, 40)}（可选：${DASHBOARD_IDS.join('、')}） (no such dashboard)`, 'bad_dashboard');
    }
    const q = queryOf(c, DashboardQuery);
    const target = resolveTarget(db, scopeOf(c, db, user), who(q));
    // excl=1: the KPIs also carry their figure 剔除 confirmed monitoring alerts
    return c.json(dashboardSpec(db, id as (typeof DASHBOARD_IDS)[number], { date: q.date, base: resolveBase(q.date, q.base), target, lang: q.lang, excludeConfirmed: q.excl === '1' }));
  });
}
