// Reports (issue 12): the 业务通报 of a data date (its data for the screen, its PDF/XLSX), and the
// assessment documents (a sheet, the period's book, a ranking) as PDF/XLSX. Validate, take the
// caller's scope, build in the core (electron/core/report), audit what leaves, send it.
import { z } from 'zod';
import { TARGET_INDICATORS, type TargetIndicatorId } from '../../../shared/assessment.js';
import { audit } from '../audit/index.js';
import { DOCUMENT_FORMATS } from '../documents/index.js';
import { resolveTarget } from '../indicators/index.js';
import { assessmentDocument, bulletinData, bulletinDocument, rankingDocument, type ReportFile } from '../report/index.js';
import { scopeText } from '../scope/index.js';
import { attachment } from './document-routes.js';
import { isoDate, queryOf } from './errors.js';
import type { Router } from './route.js';
import { scopeOf } from './scope-param.js';

const IDS = TARGET_INDICATORS.map((t) => t.id) as [TargetIndicatorId, ...TargetIndicatorId[]];
const lang = z.enum(['zh', 'en']).default('zh');
const who = { org: z.string().trim().max(64).optional(), staff: z.string().trim().max(64).optional() };
const period = z.string().trim().min(4).max(10);
const flag = z.preprocess((v) => v === '1' || v === 'true' || v === '', z.boolean()).optional();

const BulletinQuery = z.object({ date: isoDate, lang, ...who });
const BulletinExport = BulletinQuery.extend({ format: z.enum(DOCUMENT_FORMATS) });
const AssessExport = z.object({ period, format: z.enum(DOCUMENT_FORMATS), lang, ...who, all: flag });
const RankingExport = z.object({
  period,
  format: z.enum(DOCUMENT_FORMATS),
  lang,
  indicator: z.enum(['total', ...IDS]).default('total'),
  type: z.enum(['org', 'staff']).default('org'),
  level: z.string().trim().max(20).optional(),
  org: z.string().trim().max(64).optional(),
});

const send = (doc: ReportFile) =>
  new Response(new Uint8Array(doc.body), {
    headers: { 'content-type': doc.contentType, 'content-disposition': attachment(doc.fileName), 'content-length': String(doc.body.length) },
  });

export function reportRoutes(r: Router): void {
  const { db } = r.rt;

  r.route('get', '/api/report/bulletin', 'data:read', (c, user) => {
    const q = queryOf(c, BulletinQuery);
    const target = resolveTarget(db, scopeOf(c, db, user), { org: q.org || undefined, staff: q.staff || undefined });
    return c.json(bulletinData(db, { date: q.date, target, lang: q.lang }));
  });

  r.route('get', '/api/report/bulletin/export', 'export', async (c, user) => {
    const q = queryOf(c, BulletinExport);
    const scope = scopeOf(c, db, user);
    const target = resolveTarget(db, scope, { org: q.org || undefined, staff: q.staff || undefined });
    const doc = await bulletinDocument(db, { date: q.date, target, lang: q.lang, format: q.format, user: user.username });
    await audit(db, {
      username: user.username,
      action: 'export',
      target: `report.bulletin.${q.format}`,
      detail: { date: q.date, target: { type: target.type, id: target.id, name: target.name }, scope: scopeText(db, scope), lang: q.lang, bytes: doc.body.length },
    });
    return send(doc);
  });

  r.route('get', '/api/report/assessment/export', 'export', async (c, user) => {
    const q = queryOf(c, AssessExport);
    const scope = scopeOf(c, db, user);
    // as GET /api/assess: ?org= is also the scope the renderer sends; it names the sheet only when neither a staff member nor all are asked
    const doc = await assessmentDocument(db, { period: q.period, scope, org: q.staff || q.all ? undefined : q.org || undefined, staff: q.staff || undefined, all: q.all === true && !q.staff, lang: q.lang, format: q.format, user: user.username });
    await audit(db, {
      username: user.username,
      action: 'export',
      target: `report.assessment.${q.format}`,
      detail: {
        period: doc.result.period,
        kind: doc.kind,
        sheets: doc.result.sheets.map((s) => `${s.object.type}:${s.object.id}`).slice(0, 50),
        count: doc.result.sheets.length,
        scope: scopeText(db, scope),
        lang: q.lang,
        bytes: doc.body.length,
      },
    });
    return send(doc);
  });

  r.route('get', '/api/report/ranking/export', 'export', async (c, user) => {
    const q = queryOf(c, RankingExport);
    const scope = scopeOf(c, db, user);
    const doc = await rankingDocument(db, { period: q.period, scope, indicator: q.indicator, type: q.type, level: q.level || undefined, lang: q.lang, format: q.format, user: user.username });
    await audit(db, {
      username: user.username,
      action: 'export',
      target: `report.ranking.${q.format}`,
      detail: { period: q.period, indicator: q.indicator, type: q.type, rows: doc.rows.length, scope: scopeText(db, scope), lang: q.lang, bytes: doc.body.length },
    });
    return send(doc);
  });
}
