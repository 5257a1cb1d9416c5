// The background materialisation of the indicators (indicators/job.ts): how far it is, and why
// it failed when it did (readers still build what they need on first read).
import type { IndicatorJob } from '../indicators/job.js';
import type { Router } from './route.js';

export function indicatorJobRoutes(r: Router, job: IndicatorJob): void {
  r.route('get', '/api/indicators/status', 'data:read', (c) => c.json(job.status()));
}
