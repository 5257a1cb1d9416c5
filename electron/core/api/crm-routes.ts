import { Writable } from 'node:stream';
import type { Context } from 'hono';
import { z } from 'zod';
import type { UserInfo } from '../../../shared/api.js';
import { audit, auditInTransaction } from '../audit/index.js';
import { searchAuditDetail } from '../audit/search-detail.js';
import { NotFoundError } from '../auth/errors.js';
import { requirePermission } from '../auth/permission.js';
import { crmSettingProblems, getCatalog, getRules, getStarBounds, saveCatalog, saveRules, saveStarBounds } from '../crm/catalog.js';
import { coverageTable } from '../crm/coverage.js';
import { customer360 } from '../crm/customer360.js';
import { describeGapQuery, exportGaps, filterNames, unmaskedNote, type ExportMeta } from '../crm/export.js';
import { gapList, parseGapQuery } from '../crm/gaps.js';
import { ensureHoldings } from '../crm/holdings.js';
import { quickCheck } from '../crm/quick-check.js';
import { searchCustomers } from '../crm/search.js';
import { filterOptions } from '../crm/filter-options.js';
import type { Db } from '../db/connection.js';
import { shanghaiDateTime } from '../../../shared/dates.js';
import { scopeText } from '../scope/index.js';
import { isoDate, jsonBody, queryOf } from './errors.js';
import type { Router } from './route.js';
import { scopeOf } from './scope-param.js';

// Customers (惠金小助手): search, 360, the lobby quick check, the gap list and its export, the
// coverage table and the item/rule/star settings. Routes only validate, call the core and audit.
// What the core refuses on purpose it throws as UserInputError or an HttpError (bad filter, bad
// date, an empty bank: 409); anything else is a bug and errorResponse answers 500 without its
// message, logged. No error is turned into a 400 here by its class alone.

const DateQuery = z.object({ date: isoDate.optional() });
const SearchQuery = z.object({ q: z.string().max(100).default(''), date: isoDate.optional() });
const CustParam = z.object({ id: z.string().trim().min(1).max(64) });
const CoverageQuery = z.object({
  by: z.enum(['branch', 'manager']).default('branch'),
  date: isoDate.optional(),
  orgId: z.string().min(1).max(64).optional(),
});
const ExportQuery = z.object({ format: z.enum(['xlsx', 'csv']) });
/** The stated purpose of an unmasked export: written into the file and the audit log. */
const UnmaskedBody = z.object({
  purpose: z
    .string()
    .trim()
    .min(4, '请填写导出用途（至少 4 个字） (state the purpose, at least 4 characters)')
    .max(200, '导出用途最多 200 个字 (purpose: at most 200 characters)'),
});
const AnyJson = z.unknown();

export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** The gap query of a request: every parameter but the export's own `format`. */
function gapQueryOf(params: Record<string, string>) {
  const rest = { ...params };
  delete rest.format;
  return parseGapQuery(rest);
}

/** Collects a stream the core writes into one body. Exports are bounded by the customer count
 *  (tens of MB at most), and a whole body lets a failure still answer with a proper error. */
export function collector(): { out: Writable; bytes: () => Buffer } {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer | string, _enc, cb) {
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
      cb();
    },
  });
  return { out, bytes: () => Buffer.concat(chunks) };
}

/** 20240801_003000: the bank's local time (Asia/Shanghai), as the file's 导出时间 says. */
export const stamp = (at: Date) => shanghaiDateTime(at).replace(/[-:]/g, '').replace(' ', '_');

export function crmRoutes(r: Router): void {
  const { db } = r.rt;
  const who = (u: UserInfo) => u.username;

  // Every route below reads customer rows: each runs in the caller's scope (scope-param.ts), and
  // a customer or org outside it is a 404 from the core.
  r.route('get', '/api/customers/search', 'data:read', async (c, user) => {
    const q = queryOf(c, SearchQuery);
    const scope = scopeOf(c, db, user);
    const found = searchCustomers(db, q.q, scope, { date: q.date, reveal: false, limit: 20 });
    // every look-up is recorded (masked) before its answer is given
    if (q.q.trim()) await audit(db, { username: who(user), action: 'customer_search', detail: searchAuditDetail(q.q, found.matches.map((m) => m.custId)) });
    return c.json(found);
  });

  r.route('get', '/api/customers/:id', 'data:read', async (c, user) => {
    const { id } = CustParam.parse(c.req.param());
    const { date } = queryOf(c, DateQuery);
    const scope = scopeOf(c, db, user);
    const view = customer360(db, id, scope, { date, reveal: false });
    if (!view) throw new NotFoundError(`客户 ${id} 不存在。 (No such customer.)`, 'no_customer');
    await audit(db, { username: who(user), action: 'customer_view', target: id, detail: { date: view.date } });
    return c.json(view);
  });

  r.route('post', '/api/customers/:id/reveal', 'customer:reveal', async (c, user) => {
    const { id } = CustParam.parse(c.req.param());
    const { date } = queryOf(c, DateQuery);
    const scope = scopeOf(c, db, user);
    const view = customer360(db, id, scope, { date, reveal: true });
    if (!view) throw new NotFoundError(`客户 ${id} 不存在。 (No such customer.)`, 'no_customer');
    await audit(db, { username: who(user), action: 'customer_reveal', target: id, detail: { date: view.date } });
    return c.json(view);
  });

  r.route('get', '/api/customers/:id/quick', 'data:read', async (c, user) => {
    const { id } = CustParam.parse(c.req.param());
    const { date } = queryOf(c, DateQuery);
    const scope = scopeOf(c, db, user);
    const view = quickCheck(db, id, scope, { date });
    if (!view) throw new NotFoundError(`客户 ${id} 不存在。 (No such customer.)`, 'no_customer');
    await audit(db, { username: who(user), action: 'customer_quick', target: id, detail: { date: view.date } });
    return c.json(view);
  });

  r.route('get', '/api/gaps', 'data:read', (c, user) => {
    const q = gapQueryOf(c.req.query());
    const scope = scopeOf(c, db, user);
    return c.json(gapList(db, q, scope));
  });

  /** The gap export, masked or (a call list) unmasked with its purpose; audited before it is sent. */
  async function sendExport(c: Context, user: UserInfo, unmasked?: ExportMeta['unmasked']): Promise<Response> {
    const { format } = queryOf(c, ExportQuery.passthrough());
    const asked = gapQueryOf(c.req.query());
    const scope = scopeOf(c, db, user);
    // the audit names the date the file is of, not "latest", the branch by its name, and the scope
    const q = { ...asked, date: ensureHoldings(db, asked.date) };
    const filter = `${describeGapQuery(q, getCatalog(db), filterNames(db, q))}；${scopeText(db, scope)}${unmaskedNote({ unmasked })}`;
    const sink = collector();
    const now = new Date();
    const { rows } = await exportGaps(db, q, scope, format, sink.out, { username: user.username, unmasked, now });
    await audit(db, {
      username: who(user),
      action: 'export',
      target: `gaps.${format}`,
      detail: unmasked ? { filter, rows, masked: false, purpose: unmasked.purpose } : { filter, rows, masked: true },
    });
    const type = format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8';
    const name = `营销清单_${unmasked ? '未脱敏_' : ''}${stamp(now)}.${format}`;
    return new Response(new Uint8Array(sink.bytes()), {
      headers: { 'content-type': type, 'content-disposition': contentDisposition(name), 'x-row-count': String(rows) },
    });
  }

  r.route('get', '/api/gaps/export', 'export', (c, user) => sendExport(c, user));

  // Unmasked: a separate route, so its access (customer:reveal, besides export) is in the
  // permission table the tests walk; the purpose comes as JSON, never in a URL.
  r.route('post', '/api/gaps/export', 'customer:reveal', async (c, user) => {
    requirePermission(user, 'export');
    const { purpose } = await jsonBody(c, UnmaskedBody);
    return sendExport(c, user, { purpose });
  });

  r.route('get', '/api/coverage', 'data:read', (c, user) => {
    const q = queryOf(c, CoverageQuery);
    const scope = scopeOf(c, db, user);
    return c.json(coverageTable(db, scope, { by: q.by, date: q.date, orgId: q.orgId }));
  });

  r.route('get', '/api/crm/options', 'data:read', (c, user) => c.json(filterOptions(db, scopeOf(c, db, user))));

  // saved settings that no longer validate (the defaults stand in for them): the settings page
  // shows each with its reason and saved text, so the administrator can repair it
  r.route('get', '/api/settings/crm/problems', 'settings:write', (c) => c.json(crmSettingProblems(db)));

  const settings = [
    ['items', getCatalog, saveCatalog],
    ['rules', getRules, saveRules],
    ['stars', getStarBounds, saveStarBounds],
  ] as const;
  for (const [name, get, save] of settings) {
    r.route('get', `/api/settings/crm/${name}`, 'data:read', (c) => c.json(get(db)));
    r.route('put', `/api/settings/crm/${name}`, 'settings:write', async (c, user) => {
      const body = await jsonBody(c, AnyJson);
      // the change and its audit row commit together, or neither does
      db.transaction(() => {
        (save as (db: Db, v: unknown) => unknown)(db, body);
        auditInTransaction(db, { username: who(user), action: 'settings', target: `crm.${name}` });
      })();
      return c.json(get(db));
    });
  }
}
