// A whole dashboard as XLSX or PDF (issue 9 item 4): validate, resolve whose figures inside the
// caller's scope, build the document in the core, audit what was exported, send it.
import { z } from 'zod';
import { audit } from '../audit/index.js';
import { dashboardDocument, DOCUMENT_FORMATS } from '../documents/index.js';
import { resolveTarget } from '../indicators/index.js';
import { scopeText } from '../scope/index.js';
import { isoDate, queryOf } from './errors.js';
import type { Router } from './route.js';
import { scopeOf } from './scope-param.js';

const ExportQuery = z.object({
  format: z.enum(DOCUMENT_FORMATS),
  date: isoDate,
  base: z.string().trim().max(20).optional(),
  lang: z.enum(['zh', 'en']).default('zh'),
  org: z.string().trim().max(64).optional(),
  staff: z.string().trim().max(64).optional(),
});

/** RFC 6266 with RFC 5987's filename*: an ASCII stand-in for old clients, the real (Chinese) name in UTF-8. */
export function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export function documentRoutes(r: Router): void {
  const { db } = r.rt;
  r.route('get', '/api/dashboards/:id/export', 'export', async (c, user) => {
    const q = queryOf(c, ExportQuery);
    const scope = scopeOf(c, db, user);
    const target = resolveTarget(db, scope, { org: q.org || undefined, staff: q.staff || undefined });
    const doc = await dashboardDocument(db, { id: c.req.param('id') ?? '', date: q.date, base: q.base, target, lang: q.lang, format: q.format, user: user.username });
    // recorded before the file leaves, like every export: which dashboard, whose figures, which dates
    await audit(db, {
      username: user.username,
      action: 'export',
      target: `dashboard.${doc.spec.id}.${doc.format}`,
      detail: {
        dashboard: doc.spec.title,
        date: doc.spec.date,
        base: doc.spec.base,
        target: { type: target.type, id: target.id, name: target.name },
        scope: scopeText(db, scope),
        lang: q.lang,
        kpis: doc.spec.kpis.length,
        charts: doc.spec.charts.length,
        bytes: doc.body.length,
      },
    });
    return new Response(new Uint8Array(doc.body), {
      headers: { 'content-type': doc.contentType, 'content-disposition': attachment(doc.fileName), 'content-length': String(doc.body.length) },
    });
  });
}
