// Assessment (绩效考核, issue 12): sheets and rankings in the caller's scope (data:read); schemes,
// target cells, adjustments and lock (= publish) with assess:write; unlock with assess:unlock
// (administrators). Validation and audit live in the core (electron/core/assess).
import { z } from 'zod';
import { TARGET_INDICATORS, type TargetIndicatorId } from '../../../shared/assessment.js';
import { ForbiddenError } from '../auth/errors.js';
import {
  addAdjustment,
  assess,
  currentScheme,
  deleteAdjustment,
  isLocked,
  lockPeriod,
  parseObjectType,
  parsePeriod,
  ranking,
  readTargets,
  saveScheme,
  schemeHistory,
  setTarget,
  unlockPeriod,
  unreadablePeriods,
} from '../assess/index.js';
import { assertObject, objectAllowed } from '../assess/objects.js';
import { allObjects } from '../assess/sheet.js';
import { whenFree } from '../monitoring/busy.js';
import { seesAllOrgs } from '../scope/index.js';
import { jsonBody, queryOf } from './errors.js';
import type { Router } from './route.js';
import { scopeOf } from './scope-param.js';

const IDS = TARGET_INDICATORS.map((t) => t.id) as [TargetIndicatorId, ...TargetIndicatorId[]];
const period = z.string().trim().min(4).max(10);
const objectType = z.enum(['org', 'staff']);
const objectId = z.string().trim().min(1).max(64);
const flag = z.preprocess((v) => v === '1' || v === 'true' || v === '', z.boolean()).optional();
const SheetQuery = z.object({ period, org: z.string().max(64).optional(), staff: z.string().max(64).optional(), all: flag });
const RankingQuery = z.object({ period, indicator: z.enum(['total', ...IDS]).default('total'), type: objectType.default('org'), level: z.string().max(20).optional(), org: z.string().max(64).optional() });
const PeriodQuery = z.object({ period, org: z.string().max(64).optional() });
const TargetBody = z.object({ object_type: objectType, object_id: objectId, indicator: z.enum(IDS), value: z.number().finite().nullable() });
const AdjustmentBody = z.object({ period, object_type: objectType, object_id: objectId, points: z.number().finite(), reason: z.string().max(2000) });
const PeriodBody = z.object({ period });
const IdParam = z.object({ id: z.coerce.number().int().positive() });

export function assessRoutes(r: Router): void {
  const { db } = r.rt;

  r.route('get', '/api/assess', 'data:read', (c, user) => {
    const q = queryOf(c, SheetQuery);
    const scope = scopeOf(c, db, user);
    // ?org= is also the data scope the renderer sends with every request: it narrows, and names
    // the sheet only when neither a staff member nor all are asked
    const sel = q.staff ? { staff: q.staff } : q.all ? { all: true } : { org: q.org || undefined };
    return c.json(assess(db, q.period, scope, sel));
  });

  r.route('get', '/api/assess/ranking', 'data:read', (c, user) => {
    const q = queryOf(c, RankingQuery);
    return c.json(ranking(db, scopeOf(c, db, user), { period: q.period, indicator: q.indicator, type: q.type, level: q.level || undefined }));
  });

  r.route('get', '/api/assess/schemes/:type', 'data:read', (c) => {
    const type = parseObjectType(c.req.param('type') ?? '');
    return c.json({ current: currentScheme(db, type), history: schemeHistory(db, type) });
  });

  r.route('put', '/api/assess/schemes/:type', 'assess:write', async (c, user) => {
    const type = parseObjectType(c.req.param('type') ?? '');
    const body: unknown = await c.req.json().catch(() => null);
    return c.json(await whenFree(db, () => saveScheme(db, type, body, user.username)));
  });

  r.route('get', '/api/assess/targets', 'data:read', (c, user) => {
    const q = queryOf(c, PeriodQuery);
    const p = parsePeriod(q.period);
    const allowed = objectAllowed(db, scopeOf(c, db, user));
    const t = readTargets(db, p);
    return c.json({
      period: p.id,
      locked: isLocked(db, p.id),
      // the rows of the targets grid: every object of the scope, whether or not the period has data
      // yet (targets are set before a month starts)
      objects: allObjects(db)
        .filter((o) => allowed(o.type, o.id))
        .map((o) => ({ type: o.type, id: o.id, name: o.name })),
      cells: t.cells.filter((x) => allowed(x.object_type, x.object_id)),
      problems: t.problems.filter((x) => allowed(x.object_type, x.object_id)),
      // 考核期 texts that name no period: their rows count nowhere (the texts only, no object)
      unreadable_periods: unreadablePeriods(db),
    });
  });

  r.route('put', '/api/assess/targets', 'assess:write', async (c, user) => {
    const q = queryOf(c, PeriodQuery);
    const body = await jsonBody(c, TargetBody);
    const p = parsePeriod(q.period);
    assertObject(db, scopeOf(c, db, user), body.object_type, body.object_id);
    await whenFree(db, () => setTarget(db, p, body, user.username));
    return c.json({ ok: true });
  });

  r.route('post', '/api/assess/adjustments', 'assess:write', async (c, user) => {
    const body = await jsonBody(c, AdjustmentBody);
    const p = parsePeriod(body.period);
    assertObject(db, scopeOf(c, db, user), body.object_type, body.object_id);
    return c.json(await whenFree(db, () => addAdjustment(db, p, body, user.username)), 201);
  });

  r.route('delete', '/api/assess/adjustments/:id', 'assess:write', async (c, user) => {
    const { id } = IdParam.parse(c.req.param());
    const allowed = objectAllowed(db, scopeOf(c, db, user));
    await whenFree(db, () => deleteAdjustment(db, id, user.username, allowed));
    return c.json({ ok: true });
  });

  // a lock freezes the whole bank's book: only a user who sees the whole bank may take it
  r.route('post', '/api/assess/lock', 'assess:write', async (c, user) => {
    const body = await jsonBody(c, PeriodBody);
    if (!seesAllOrgs(scopeOf(c, db, user))) throw new ForbiddenError('锁定考核期须由总行用户操作 (locking a period takes a user of the whole bank)', 'whole_bank_only');
    const p = parsePeriod(body.period);
    await whenFree(db, () => lockPeriod(db, p, user.username));
    return c.json(assess(db, p.id, scopeOf(c, db, user), { all: true }));
  });

  r.route('post', '/api/assess/unlock', 'assess:unlock', async (c, user) => {
    const body = await jsonBody(c, PeriodBody);
    const p = parsePeriod(body.period);
    await whenFree(db, () => unlockPeriod(db, p, user.username));
    return c.json({ ok: true });
  });
}
