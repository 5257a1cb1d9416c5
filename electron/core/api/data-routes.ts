import { z } from 'zod';
import { scopedStats } from '../metrics/stats.js';
import { homeSummary } from '../metrics/home.js';
import { audit } from '../audit/index.js';
import { accountManagerOwnCustomers, describeScope, setAccountManagerOwnCustomers } from '../scope/index.js';
import { isoDate, jsonBody, queryOf } from './errors.js';
import type { Router } from './route.js';
import { scopeOf } from './scope-param.js';

const StatsQuery = z.object({ date: isoDate });
const HomeQuery = z.object({ date: isoDate.optional() });
const ScopeQuery = z.object({ org: z.string().trim().max(64).optional() });
const ScopeSettings = z.object({ accountManagerOwnCustomers: z.boolean() }).strict();

export function dataRoutes(r: Router): void {
  const { db } = r.rt;
  // figures in the caller's scope (?org= narrows it); the rows no org owns only for the whole bank
  // ?date= follows the date picked on the dashboards (stores/context.ts); default the latest data day
  r.route('get', '/api/home', 'data:read', (c, user) => c.json(homeSummary(db, scopeOf(c, db, user), queryOf(c, HomeQuery).date)));
  r.route('get', '/api/stats', 'data:read', (c, user) => c.json(scopedStats(db, queryOf(c, StatsQuery).date, scopeOf(c, db, user))));
  // what the top bar shows and the scope picker offers
  r.route('get', '/api/scope', 'signed-in', (c, user) => {
    const { org } = queryOf(c, ScopeQuery);
    return c.json(describeScope(db, user.username, org === '' ? undefined : org));
  });
  // whether a 客户经理 sees only the customers they manage (scope/settings.ts)
  const scopeSettings = () => ({ accountManagerOwnCustomers: accountManagerOwnCustomers(db) });
  r.route('get', '/api/settings/scope', 'settings:write', (c) => c.json(scopeSettings()));
  r.route('put', '/api/settings/scope', 'settings:write', async (c, user) => {
    const body = await jsonBody(c, ScopeSettings);
    setAccountManagerOwnCustomers(db, body.accountManagerOwnCustomers);
    await audit(db, { username: user.username, action: 'settings', target: 'scope', detail: body });
    return c.json(scopeSettings());
  });
}
