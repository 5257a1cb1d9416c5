import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Context } from 'hono';
import type { ImportPreview, MappingProfile, UserInfo } from '../../../shared/api.js';
import { audit, auditInTransaction, importAuditor } from '../audit/index.js';
import { BadRequestError, ForbiddenError, NotFoundError } from '../auth/errors.js';
import { hasPermission } from '../auth/permission.js';
import { openDb, type Db } from '../db/connection.js';
import { jsonBody, queryOf } from './errors.js';
import { ImportJobs, type JobFile } from './jobs.js';
import { IndicatorJob } from '../indicators/job.js';
import { batchReach, MonitorJob } from '../monitoring/runs.js';
import type { Router } from './route.js';
import { receiveUpload } from './upload.js';
import { scopeOf } from './scope-param.js';
import type { ValueView } from '../import/issue-mask.js';

// The importer pulls in exceljs and the readers: load it on first use so that starting the
// console and showing the login page stay quick.
const importer = () => import('../import/index.js');

interface Upload {
  id: string;
  /** the staging folder of uploaded copies; null for local files imported where they are */
  dir: string | null;
  files: JobFile[]; // in dependency order
  profile: string | null;
  createdAt: number;
  committed: boolean;
}

const UPLOAD_TTL_MS = 24 * 60 * 60 * 1000;

/** Routes whose body is a multipart upload streamed to disk under its own limit (upload.ts). */
export const UPLOAD_ROUTES: ReadonlySet<string> = new Set(['/api/import/upload']);

const CommitBody = z.object({
  uploadId: z.string().uuid(),
  files: z.array(z.string().min(1)).optional(),
  profile: z.string().min(1).max(100).optional(),
});
const IssuesQuery = z.object({
  level: z.enum(['rejected', 'warning']).optional(),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
const BatchParam = z.object({ id: z.coerce.number().int().positive() });
const ProfileName = z.object({ name: z.string().trim().min(1).max(100) });
const LocalBody = z.object({
  paths: z.array(z.string().min(1).max(4096)).min(1).max(10_000),
  profile: z.string().min(1).max(100).optional(),
});

/**
 * Imports run on a connection of their own. The API's connection must never share the import's
 * transaction: reads on it would see rows a preview is about to roll back, and its own writes
 * (audit) would be rolled back with them. With WAL the API keeps reading the last committed state
 * while an import writes. An in-memory database (tests) cannot be opened twice: use it as is.
 */
async function withImportDb<T>(db: Db, work: (idb: Db) => Promise<T>): Promise<T> {
  if (db.memory) return work(db);
  const idb = openDb(db.name);
  try {
    return await work(idb);
  } finally {
    idb.close();
  }
}

function profileByName(db: Db, name: string | null | undefined, m: Awaited<ReturnType<typeof importer>>): MappingProfile | undefined {
  if (!name) return undefined;
  const p = m.getProfile(db, name);
  if (!p) throw new BadRequestError(`映射方案「${name}」不存在。 (No such mapping profile.)`, 'no_profile');
  return p;
}

/** How this reader sees cells of imported files (issue-mask.ts): masked without customer:reveal,
 *  withheld or masked in a scope narrower than the whole bank. */
function valueView(c: Context, db: Db, user: UserInfo): ValueView {
  return { masked: !hasPermission(user, 'customer:reveal'), scope: scopeOf(c, db, user) };
}

function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export function importRoutes(r: Router): { jobs: ImportJobs; indicators: IndicatorJob; monitor: MonitorJob } {
  const { db, dataDir } = r.rt;
  const jobs = new ImportJobs();
  // the indicator cells an import or undo dropped are rebuilt in the same queue (indicators/job.ts);
  // a writer arriving meanwhile asks the build to stop between pairs and go after it
  const indicators = new IndicatorJob(db, jobs);
  // the monitoring rules run again for the months a batch touched, queued after the indicators
  // (monitoring/runs.ts), and likewise stop between months for a writer
  const monitor = new MonitorJob(db, jobs);
  const writer = <T>(work: () => Promise<T> | T): Promise<T> => {
    indicators.yieldToWriter();
    monitor.yieldToWriter();
    return jobs.exclusive(work);
  };
  const uploads = new Map<string, Upload>();
  const uploadRoot = path.join(dataDir, 'uploads');
  removeStaleUploads(uploadRoot);

  const dropUpload = (u: Upload) => {
    uploads.delete(u.id);
    if (u.dir) fs.rmSync(u.dir, { recursive: true, force: true });
  };

  /** Recognises, orders and previews staged files; the upload is remembered for the commit. */
  async function stage(id: string, dir: string | null, files: Omit<JobFile, 'dataset'>[], profileName: string | null, view: ValueView) {
    if (files.length === 0) throw new BadRequestError('没有收到文件，请在表单字段 file 中上传。 (No file received.)', 'no_file');
    const m = await importer();
    const profile = profileByName(db, profileName, m);
    const recognised = await Promise.all(
      files.map(async (f) => ({
        ...f,
        dataset: await m.openFile(f.path, { fileName: f.file, profile }).then((o) => o.mapping.dataset.id, () => null),
      })),
    );
    const ordered = m.orderForImport(recognised);
    const previews: ImportPreview[] = await writer(() =>
      withImportDb(db, (idb) => m.previewFiles(idb, ordered.map((f) => ({ path: f.path, fileName: f.file })), { profile })),
    );
    uploads.set(id, { id, dir, files: ordered, profile: profileName, createdAt: Date.now(), committed: false });
    return previews.map((p) => m.previewAsSeen(p, profile, view));
  }

  r.route('post', '/api/import/upload', 'import:write', async (c, user) => {
    for (const u of uploads.values()) if (!u.committed && Date.now() - u.createdAt > UPLOAD_TTL_MS) dropUpload(u);
    const id = crypto.randomUUID();
    const dir = path.join(uploadRoot, id);
    const { files, fields } = await receiveUpload(c.req.raw, dir);
    let previews: ImportPreview[];
    try {
      previews = await stage(id, dir, files, fields.profile?.trim() || null, valueView(c, db, user));
    } catch (e) {
      fs.rmSync(dir, { recursive: true, force: true });
      throw e;
    }
    await audit(db, { username: user.username, action: 'import_upload', target: id, detail: { files: files.map((f) => f.file) } });
    return c.json({ uploadId: id, previews });
  });

  // Desktop only: files and folders picked in the native dialog are imported where they are.
  // Electron's protocol handler drops multipart blob bodies, and copying a 2 GB export to
  // import it would be waste. Web mode refuses it: a browser must not name server paths.
  r.route('post', '/api/import/local', 'import:write', async (c, user) => {
    if (!r.rt.localFiles) throw new BadRequestError('仅桌面版可按本地路径导入，请上传文件。 (Local paths are for the desktop app only.)', 'no_local');
    const body = await jsonBody(c, LocalBody);
    const refused = body.paths.filter((p) => !r.rt.localFiles!.allows(p));
    if (refused.length) {
      throw new ForbiddenError(
        `只能导入在本次运行中通过“选择文件”对话框选取的文件：${refused.join('、')} (Only paths picked in the file dialog may be imported.)`,
        'not_picked',
      );
    }
    const m = await importer();
    const files: Omit<JobFile, 'dataset'>[] = [];
    for (const p of body.paths) {
      const st = fs.statSync(p, { throwIfNoEntry: false });
      if (!st) throw new BadRequestError(`文件不存在：${p} (No such file.)`, 'no_file');
      const list = st.isDirectory() ? await m.listDataFiles(p) : [p];
      // names as the upload gives them: relative to the picked folder's parent, '/'-separated
      const root = path.dirname(p);
      for (const f of list) files.push({ file: path.relative(root, f).split(path.sep).join('/'), path: f, size: fs.statSync(f).size });
    }
    const id = crypto.randomUUID();
    const previews = await stage(id, null, files, body.profile ?? null, valueView(c, db, user));
    await audit(db, { username: user.username, action: 'import_local', target: id, detail: { files: files.map((f) => f.path) } });
    return c.json({ uploadId: id, previews });
  });

  r.route('post', '/api/import/commit', 'import:write', async (c, user) => {
    const body = await jsonBody(c, CommitBody);
    const upload = uploads.get(body.uploadId);
    if (!upload) throw new NotFoundError('找不到这次上传，可能已过期，请重新上传。 (Upload not found.)', 'no_upload');
    if (upload.committed) throw new BadRequestError('这次上传已经提交过了。 (Already committed.)', 'already_committed');
    let chosen: JobFile[];
    if (body.files) {
      const unknown = body.files.filter((f) => !upload.files.some((u) => u.file === f));
      if (unknown.length) throw new BadRequestError(`上传中没有这些文件：${unknown.join('、')} (unknown files)`, 'unknown_file');
      chosen = upload.files.filter((u) => body.files!.includes(u.file));
    } else {
      chosen = upload.files.filter((u) => u.dataset !== null);
    }
    if (chosen.length === 0) throw new BadRequestError('没有可导入的文件。 (Nothing to import.)', 'nothing_to_import');
    const m = await importer();
    const profile = profileByName(db, body.profile ?? upload.profile, m);
    upload.committed = true;
    indicators.yieldToWriter();
    monitor.yieldToWriter();
    const job = jobs.start(
      chosen,
      (f, onProgress) =>
        withImportDb(db, async (idb) => {
          const res = await m.importFile(idb, f.path, {
            fileName: f.file,
            username: user.username,
            profile,
            dataset: f.dataset ?? undefined,
            onProgress,
            // the file's audit row is written inside its transaction: no import without its record
            audit: importAuditor(user.username),
          });
          return res;
        }),
      {
        finished: (done) => {
          dropUpload(upload);
          if (done.results.some((res) => res.imported > 0)) void indicators.schedule();
          for (const res of done.results) if (res.imported > 0 && res.batchId != null) void monitor.afterWrite(batchReach(db, res.batchId), 'import');
        },
        // the counter's first search after an import should not wait for the rebuild; a failure
        // shows in the job and is retried (jobs.ts)
        rebuild: () => import('../crm/warm.js').then((w) => withImportDb(db, async (idb) => w.warmCustomerViews(idb))),
      },
    );
    return c.json({ jobId: job.id });
  });

  r.route('get', '/api/import/jobs/:id', 'import:read', async (c, user) => {
    const job = jobs.get(c.req.param('id') ?? '');
    if (!job) throw new NotFoundError('找不到该导入任务。 (No such import job.)', 'no_job');
    // a job is shared by everyone who may read imports: its rejected cells are masked per reader
    const m = await importer();
    const view = valueView(c, db, user);
    return c.json({ ...job, results: job.results.map((res) => m.resultAsSeen(db, res, view)) });
  });

  r.route('get', '/api/import/batches', 'import:read', async (c) => c.json((await importer()).listBatches(db)));

  // Issue values are cells as the file wrote them: personal ones are masked for users who may not
  // reveal, and every read is audited like a look-up of customers.
  r.route('get', '/api/import/batches/:id/issues', 'import:read', async (c, user) => {
    const { id } = BatchParam.parse(c.req.param());
    const q = queryOf(c, IssuesQuery);
    const view = valueView(c, db, user);
    const issues = (await importer()).batchIssues(db, id, q, view);
    await audit(db, { username: user.username, action: 'import_issues', target: `batch:${id}`, detail: { ...q, rows: issues.length, masked: view.masked } });
    return c.json(issues);
  });

  r.route('get', '/api/import/batches/:id/issues.csv', 'import:read', async (c, user) => {
    const { id } = BatchParam.parse(c.req.param());
    const m = await importer();
    const file = m.batchFileName(db, id);
    if (file === undefined) throw new NotFoundError(`批次 #${id} 不存在。 (No such batch.)`, 'no_batch');
    const chunks: string[] = [];
    const view = valueView(c, db, user);
    const masked = view.masked;
    m.writeIssuesCsv(db, id, (s) => chunks.push(s), view);
    // Excel guesses the encoding of a CSV from a BOM only; the importer normally writes one.
    if (!chunks[0]?.startsWith('\uFEFF')) chunks.unshift('\uFEFF');
    await audit(db, { username: user.username, action: 'export', target: `batch:${id}`, detail: { file: 'import_issues.csv', masked } });
    const stem = path.posix.basename(file).replace(/\.[^.]*$/, '');
    return new Response(chunks.join(''), {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': contentDisposition(`${stem}_问题行_批次${id}.csv`),
      },
    });
  });

  r.route('post', '/api/import/batches/:id/undo', 'import:write', async (c, user) => {
    const { id } = BatchParam.parse(c.req.param());
    const m = await importer();
    // what the batch's rows reach, read while they are there (monitoring/runs.ts)
    let reach: ReturnType<typeof batchReach> = null;
    // the undo and its audit row commit together (undoBatch's transaction nests as a savepoint);
    // a refusal is the core's UserInputError (400 with its reason), anything else a 500
    const out = await writer(() =>
      db.transaction(() => {
        reach = batchReach(db, id);
        const done = m.undoBatch(db, id, user.username);
        auditInTransaction(db, { username: user.username, action: 'undo', target: `batch:${id}`, detail: done });
        return done;
      })(),
    );
    void indicators.schedule();
    void monitor.afterWrite(reach, 'undo');
    return c.json({ ok: true, ...out });
  });

  r.route('get', '/api/import/profiles', 'import:read', async (c) => c.json((await importer()).listProfiles(db)));

  r.route('put', '/api/import/profiles', 'import:write', async (c, user) => {
    const body: unknown = await jsonBody(c, z.unknown());
    const m = await importer();
    // a profile that cannot apply as written is a ProfileError (400 naming the fields)
    const saved = await writer(() => m.saveProfile(db, body));
    await audit(db, { username: user.username, action: 'profile_save', target: saved.name });
    return c.json(saved);
  });

  r.route('delete', '/api/import/profiles', 'import:write', async (c, user) => {
    const { name } = queryOf(c, ProfileName);
    const m = await importer();
    const deleted = await writer(() => m.deleteProfile(db, name));
    if (!deleted) throw new NotFoundError(`映射方案「${name}」不存在。 (No such mapping profile.)`, 'no_profile');
    await audit(db, { username: user.username, action: 'profile_delete', target: name });
    return c.json({ ok: true });
  });
  return { jobs, indicators, monitor };
}

/** Uploads left by a crash or never committed: files of up to 2 GiB each should not pile up. */
function removeStaleUploads(root: string): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(root, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const p = path.join(root, e.name);
    try {
      if (Date.now() - fs.statSync(p).mtimeMs > UPLOAD_TTL_MS) fs.rmSync(p, { recursive: true, force: true });
    } catch {
      // another instance may be cleaning the same folder
    }
  }
}
