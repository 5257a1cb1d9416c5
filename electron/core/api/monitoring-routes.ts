// Monitoring (监测预警, issue 10): alerts in the caller's scope (?org= narrows it; 404 outside), their
// decisions (monitor:decide, audited in the core), the rules and their versioned parameters
// (settings:write), runs and 回测 off the event loop (monitoring/runs.ts), the overview dashboard.
import { z } from 'zod';
import { ALERT_STATUSES, MONITOR_FAMILIES, RULE_IDS } from '../../../shared/monitoring.js';
import { audit } from '../audit/index.js';
import { decideAlert, getAlert, listAlerts, type AlertFilter } from '../monitoring/alerts.js';
import { whenFree } from '../monitoring/busy.js';
import { exportAlerts } from '../monitoring/export.js';
import { monitoringOverview } from '../monitoring/overview.js';
import { backtestOffThread, type MonitorJob } from '../monitoring/runs.js';
import { runPeriod } from '../monitoring/engine.js';
import { listRules, saveRuleSetting } from '../monitoring/settings.js';
import { resolveTarget } from '../indicators/index.js';
import { scopeText } from '../scope/index.js';
import { contentDisposition, stamp } from './crm-routes.js';
import { isoDate, jsonBody, queryOf } from './errors.js';
import type { Router } from './route.js';
import { scopeOf } from './scope-param.js';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '期间须为 YYYY-MM');
const blank = <T extends z.ZodType>(t: T) => z.preprocess((v) => (v === '' ? undefined : v), t.optional());
const Filter = z.object({
  family: blank(z.enum(MONITOR_FAMILIES)),
  rule: blank(z.enum(RULE_IDS as [string, ...string[]])),
  status: blank(z.enum(ALERT_STATUSES)),
  staff: blank(z.string().trim().max(64)),
  periodFrom: blank(month),
  periodTo: blank(month),
  org: z.string().max(64).optional(),
});
const ListQuery = Filter.extend({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
const ExportQuery = Filter.extend({ format: z.enum(['csv', 'xlsx']) });
const IdParam = z.object({ id: z.coerce.number().int().positive() });
const DecideBody = z.object({ status: z.enum(ALERT_STATUSES), reason: z.string().max(2000).optional() });
const RuleBody = z.object({ params: z.record(z.string(), z.unknown()).optional(), enabled: z.boolean().optional() });
const RunBody = z.object({ from: isoDate, to: isoDate });
const BacktestBody = z.object({ rule: z.string().max(64), from: isoDate, to: isoDate, params: z.record(z.string(), z.unknown()).optional() });
const OverviewQuery = z.object({ date: isoDate, lang: z.enum(['zh', 'en']).default('zh'), org: z.string().max(64).optional() });

const filterOf = (q: z.output<typeof Filter>): AlertFilter => ({
  family: q.family,
  rule: q.rule as AlertFilter['rule'],
  status: q.status,
  staff: q.staff,
  periodFrom: q.periodFrom,
  periodTo: q.periodTo,
});

export function monitoringRoutes(r: Router, job: MonitorJob): void {
  const { db } = r.rt;

  r.route('get', '/api/monitoring/status', 'data:read', (c) => c.json(job.status()));

  r.route('get', '/api/monitoring/alerts', 'data:read', (c, user) => {
    const q = queryOf(c, ListQuery);
    return c.json(listAlerts(db, scopeOf(c, db, user), filterOf(q), { limit: q.limit, offset: q.offset }));
  });

  // before /alerts/:id, which would take "export" for an id
  r.route('get', '/api/monitoring/alerts/export', 'export', async (c, user) => {
    const q = queryOf(c, ExportQuery);
    const scope = scopeOf(c, db, user);
    const now = new Date();
    const out = await exportAlerts(db, scope, filterOf(q), q.format, { username: user.username, scopeText: scopeText(db, scope), now });
    await audit(db, { username: user.username, action: 'export', target: `monitoring.alerts.${q.format}`, detail: { filter: out.filter, rows: out.rows, masked: true } });
    const type = q.format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8';
    return new Response(new Uint8Array(out.bytes), {
      headers: { 'content-type': type, 'content-disposition': contentDisposition(`预警列表_${stamp(now)}.${q.format}`), 'x-row-count': String(out.rows) },
    });
  });

  r.route('get', '/api/monitoring/alerts/:id', 'data:read', (c, user) => {
    const { id } = IdParam.parse(c.req.param());
    return c.json(getAlert(db, scopeOf(c, db, user), id));
  });

  r.route('post', '/api/monitoring/alerts/:id/decide', 'monitor:decide', async (c, user) => {
    const { id } = IdParam.parse(c.req.param());
    const body = await jsonBody(c, DecideBody);
    const scope = scopeOf(c, db, user);
    return c.json(await whenFree(db, () => decideAlert(db, scope, id, body, user.username)));
  });

  r.route('get', '/api/monitoring/rules', 'data:read', (c) => c.json(listRules(db)));

  r.route('put', '/api/monitoring/rules/:id', 'settings:write', async (c, user) => {
    const body = await jsonBody(c, RuleBody);
    const id = c.req.param('id') ?? '';
    return c.json(await whenFree(db, () => saveRuleSetting(db, id, body, user.username)));
  });

  r.route('post', '/api/monitoring/run', 'monitor:decide', async (c, user) => {
    const body = await jsonBody(c, RunBody);
    const period = runPeriod(body.from, body.to);
    await audit(db, { username: user.username, action: 'monitor_run', target: `${period.from}..${period.to}`, detail: { from: period.from, to: period.to } });
    void job.request({ from: period.from, to: period.to, trigger: 'manual' });
    return c.json(job.status(), 202);
  });

  r.route('post', '/api/monitoring/backtest', 'monitor:decide', async (c, user) => {
    const body = await jsonBody(c, BacktestBody);
    return c.json(await backtestOffThread(db, body, scopeOf(c, db, user)));
  });

  r.route('get', '/api/monitoring/overview', 'data:read', (c, user) => {
    const q = queryOf(c, OverviewQuery);
    // as the dashboards: the scope narrowed by ?org=, then the target inside it (a 客户经理 limited
    // to their own is their own figures, 404 when the org asked lies outside where they sit)
    const target = resolveTarget(db, scopeOf(c, db, user), { org: q.org || undefined });
    return c.json(monitoringOverview(db, { date: q.date, target, lang: q.lang }));
  });
}
