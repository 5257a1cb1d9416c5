import crypto from 'node:crypto';
import type { DatasetId } from '../../../shared/datasets.js';
import type { ImportFileResult, ImportJob } from '../../../shared/api.js';

export interface JobFile {
  file: string;
  path: string;
  size: number;
  dataset: DatasetId | null;
}

export type Progress = { bytesDone: number; bytesTotal: number; rows: number };
export type RunFile = (f: JobFile, onProgress: (p: Progress) => void) => Promise<ImportFileResult>;

const KEEP_FINISHED = 100;
/** attempts at the rebuild after an import: the first, then one after each of these delays */
export const REBUILD_RETRY_DELAYS_MS: readonly number[] = [500, 5_000];

export interface JobHooks {
  /** after the files (clean-up such as dropping the staged upload); runs whatever the outcome */
  finished?: (job: ImportJob) => void;
  /** the derived data to rebuild once the files are in (customer views); retried when it fails */
  rebuild?: () => Promise<void>;
}

const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Import jobs of one API instance, run one file at a time and one job after another: files of a
 * folder depend on each other (customers before accounts) and SQLite has one writer anyway. The
 * job record is what GET /api/import/jobs/:id reports while it runs.
 */
export class ImportJobs {
  private readonly jobs = new Map<string, ImportJob>();
  private tail: Promise<void> = Promise.resolve();
  private active = 0;
  /** rebuild retries waiting for their delay: idle() waits for them too */
  private readonly retries = new Set<Promise<void>>();

  constructor(private readonly retryDelaysMs: readonly number[] = REBUILD_RETRY_DELAYS_MS) {}

  /** true while a job runs or waits: the database is (or is about to be) locked for writing */
  get busy(): boolean {
    return this.active > 0;
  }

  start(files: JobFile[], runFile: RunFile, hooks: JobHooks = {}): ImportJob {
    const job: ImportJob = {
      id: crypto.randomUUID(),
      state: 'running',
      fileIndex: 0,
      fileCount: files.length,
      currentFile: null,
      bytesDone: 0,
      bytesTotal: files.reduce((s, f) => s + f.size, 0),
      results: [],
    };
    this.jobs.set(job.id, job);
    this.active++;
    this.tail = this.tail.then(() => this.run(job, files, runFile, hooks));
    this.prune();
    return job;
  }

  /** A snapshot, so a response never shows a job half-updated. */
  get(id: string): ImportJob | undefined {
    const j = this.jobs.get(id);
    return j && structuredClone(j);
  }

  /**
   * Runs other database writes (preview, undo, profile edits) in the same queue. An import holds
   * SQLite's write lock across awaits; a second writer on this thread would block the whole
   * process in better-sqlite3's synchronous busy wait, so writers take turns here instead.
   */
  exclusive<T>(work: () => Promise<T> | T): Promise<T> {
    this.active++;
    const out = this.tail.then(work).finally(() => this.active--);
    this.tail = out.then(
      () => undefined,
      () => undefined,
    );
    return out;
  }

  /** Resolves when every job started so far has finished, its rebuild retries included (tests, shutdown). */
  async idle(): Promise<void> {
    for (;;) {
      const tail = this.tail;
      await Promise.all([tail, ...this.retries]);
      if (tail === this.tail && this.retries.size === 0) return;
    }
  }

  /**
   * Rebuilds what the import changed, in the writers' queue. A failure is never dropped: it is
   * logged, shown in the job (the import page shows a banner) and tried again after a delay, with
   * other writers free to go in between; after the last attempt the job keeps the error. The
   * views also rebuild on their next use, so a failure here costs the counter's first search time.
   */
  private rebuild(job: ImportJob, rebuild: () => Promise<void>, attempt = 1): void {
    const max = this.retryDelaysMs.length + 1;
    job.rebuild = { state: 'waiting', attempts: attempt - 1, ...(job.rebuild?.error ? { error: job.rebuild.error } : {}) };
    void this.exclusive(async () => {
      job.rebuild!.state = 'running';
      await rebuild();
    }).then(
      () => {
        job.rebuild = { state: 'done', attempts: attempt };
      },
      (e: unknown) => {
        const error = e instanceof Error ? e.message : String(e);
        console.error(`[import job] rebuild of the customer views failed (attempt ${attempt} of ${max})`, e);
        if (attempt >= max) {
          job.rebuild = { state: 'failed', attempts: attempt, error };
          return;
        }
        job.rebuild = { state: 'waiting', attempts: attempt, error };
        const retry = delay(this.retryDelaysMs[attempt - 1]).then(() => this.rebuild(job, rebuild, attempt + 1));
        this.retries.add(retry);
        void retry.finally(() => this.retries.delete(retry));
      },
    );
  }

  private async run(job: ImportJob, files: JobFile[], runFile: RunFile, hooks: JobHooks): Promise<void> {
    let before = 0;
    try {
      for (const [i, f] of files.entries()) {
        job.fileIndex = i;
        job.currentFile = f.file;
        const result = await runFile(f, (p) => {
          job.bytesDone = before + Math.min(p.bytesDone, f.size);
        });
        job.results.push(result);
        before += f.size;
        job.bytesDone = before;
      }
      job.fileIndex = files.length;
      job.state = 'done';
    } catch (e) {
      // importFile reports a bad file in its result; a throw is a fault of the console itself.
      console.error('[import job]', e);
      job.state = 'failed';
      job.error = `导入中止：${e instanceof Error ? e.message : String(e)} (import stopped)`;
    } finally {
      job.currentFile = null;
      this.active--;
      try {
        hooks.finished?.(job);
      } catch (e) {
        console.error('[import job] clean-up failed', e);
      }
      // queued behind this job, ahead of writers that arrive later
      if (hooks.rebuild && job.results.some((r) => r.imported > 0)) this.rebuild(job, hooks.rebuild);
    }
  }

  private prune(): void {
    const done = [...this.jobs.values()].filter((j) => j.state !== 'running');
    for (const j of done.slice(0, Math.max(0, done.length - KEEP_FINISHED))) this.jobs.delete(j.id);
  }
}
