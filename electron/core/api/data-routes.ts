import { z } from 'zod';
import { computeOrgStats } from '../metrics/stats.js';
import { homeSummary } from '../metrics/home.js';
import { isoDate, queryOf } from './errors.js';
import type { Router } from './route.js';

const StatsQuery = z.object({ date: isoDate });

export function dataRoutes(r: Router): void {
  const { db } = r.rt;
  r.route('get', '/api/home', 'data:read', (c) => c.json(homeSummary(db)));
  r.route('get', '/api/stats', 'data:read', (c) => c.json(computeOrgStats(db, queryOf(c, StatsQuery).date)));
}
