// The data scope the user narrowed to (stores/context.ts sets it): every call of a scoped route
// carries it as ?org=, so each page reads the same scope without passing it along. The core
// intersects it with the user's own scope; it never widens it. (No DOM here: unit-tested in Node.)
let scopeOrg: string | null = null;

export function setRequestScope(org: string | null): void {
  scopeOrg = org;
}

/**
 * Routes whose rows follow the data scope (electron/core/scope); a later screen adds its prefix here.
 * Not /api/assess nor /api/report: their screens pass the picked org as `org` themselves (a sheet's
 * export names its own org there), so adding it here would send it twice (scope-request.test.ts).
 */
const SCOPED = ['/api/home', '/api/stats', '/api/customers', '/api/gaps', '/api/coverage', '/api/crm/options', '/api/scope', '/api/audit', '/api/reconcile', '/api/monitoring', '/api/map'];

export function withScope(path: string): string {
  if (scopeOrg === null || !SCOPED.some((p) => path === p || path.startsWith(`${p}/`) || path.startsWith(`${p}?`))) return path;
  return `${path}${path.includes('?') ? '&' : '?'}org=${encodeURIComponent(scopeOrg)}`;
}
