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

/**
 * Import jobs of one API instance, run one file at a time and one job after another: files of a
 * folder depend on each other (customers before accounts) and SQLite has one writer anyway. The
 * job record is what GET /api/import/jobs/:id reports while it runs.
 */
export class ImportJobs {
  private readonly jobs = new Map<string, ImportJob>();
  private tail: Promise<void> = Promise.resolve();
  private active = 0;

  /** true while a job runs or waits: the database is (or is about to be) locked for writing */
  get busy(): boolean {
    return this.active > 0;
  }

  start(files: JobFile[], runFile: RunFile, finished?: (job: ImportJob) => void): ImportJob {
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
    this.tail = this.tail.then(() => this.run(job, files, runFile, finished));
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

  /** Resolves when every job started so far has finished (tests, shutdown). */
  idle(): Promise<void> {
    return this.tail;
  }

  private async run(job: ImportJob, files: JobFile[], runFile: RunFile, finished?: (job: ImportJob) => void): Promise<void> {
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
        finished?.(job);
      } catch (e) {
        console.error('[import job] clean-up failed', e);
      }
    }
  }

  private prune(): void {
    const done = [...this.jobs.values()].filter((j) => j.state !== 'running');
    for (const j of done.slice(0, Math.max(0, done.length - KEEP_FINISHED))) this.jobs.delete(j.id);
  }
}
