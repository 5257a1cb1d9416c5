// The import page's working state: files staged for preview, the commit jobs and their results.
// Kept in a store so leaving the page and coming back does not lose a preview.
// One pick (files or a folder) is one upload on the server, which orders and previews its files
// together; a commit names the files of each upload it takes.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { ImportJob, ImportPreview } from '../../shared/api.js';
import { api } from '../api/client.js';
import type { PickedFile } from '../fileWalk.js';
import { sameFile } from '../importProgress.js';
import { localPathOf } from '../desktop.js';

export interface Staged {
  key: number;
  uploadId: string;
  preview: ImportPreview;
  /** the picked file (web) or its absolute path (desktop), kept to preview it again with a profile */
  picked?: PickedFile;
  localPath?: string;
  profile?: string;
}

export interface PendingUpload {
  key: number;
  count: number;
  error?: string;
}

export interface JobView {
  job: ImportJob;
  files: { path: string; size: number }[];
}

const POLL_MS = 400;

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A file can go in when it was recognised, has its required columns and some row to keep. */
export function importable(s: Staged): boolean {
  const p = s.preview;
  return p.dataset !== null && !p.message && !p.missingRequired?.length && (p.willImport ?? 0) > 0;
}

export const useImporter = defineStore('importer', () => {
  const staged = ref<Staged[]>([]);
  const pending = ref<PendingUpload[]>([]);
  const jobs = ref<JobView[]>([]);
  const committing = ref(false);
  const commitError = ref('');
  let nextKey = 1;

  const uploading = computed(() => pending.value.filter((p) => !p.error).reduce((n, p) => n + p.count, 0));
  const ready = computed(() => staged.value.filter(importable));
  const committed = computed(() => jobs.value.length > 0 && !committing.value);

  /** Web: the files go up in one request. Desktop: the server reads the paths (see localPathOf). */
  async function upload(source: PickedFile[] | { paths: string[] }, profile?: string): Promise<Staged[]> {
    const files = Array.isArray(source) ? source : null;
    const pend: PendingUpload = { key: nextKey++, count: files ? files.length : 1 };
    pending.value.push(pend);
    try {
      const r = files ? await api.upload(files, profile) : await api.local((source as { paths: string[] }).paths, profile);
      const added: Staged[] = r.previews.map((preview) => ({
        key: nextKey++,
        uploadId: r.uploadId,
        preview,
        picked: files?.find((f) => sameFile(f.path, preview.file)),
        localPath: files ? undefined : localPathOf((source as { paths: string[] }).paths, preview.file),
        profile,
      }));
      staged.value.push(...added);
      pending.value = pending.value.filter((p) => p.key !== pend.key);
      return added;
    } catch (e) {
      const p = pending.value.find((x) => x.key === pend.key);
      if (p) p.error = (e as Error).message;
      return [];
    }
  }

  /** Stages a pick. A pick after a finished import starts a fresh list. */
  async function add(source: PickedFile[] | { paths: string[] }): Promise<void> {
    if (committed.value) clear();
    await upload(source);
  }

  /** Uploads one file again with a mapping profile; its new preview takes the old one's place. */
  async function reprofile(key: number, profile: string): Promise<number | null> {
    const s = staged.value.find((x) => x.key === key);
    if (!s?.picked && !s?.localPath) return null;
    const [fresh] = await upload(s.picked ? [s.picked] : { paths: [s.localPath!] }, profile);
    if (!fresh) return null;
    const all = staged.value.filter((x) => x.key !== key && x.key !== fresh.key);
    const at = staged.value.findIndex((x) => x.key === key);
    all.splice(Math.min(at, all.length), 0, fresh);
    staged.value = all;
    return fresh.key;
  }

  function remove(key: number): void {
    staged.value = staged.value.filter((s) => s.key !== key);
  }

  function dismissPending(key: number): void {
    pending.value = pending.value.filter((p) => p.key !== key);
  }

  function clear(): void {
    staged.value = [];
    pending.value = [];
    jobs.value = [];
    commitError.value = '';
  }

  async function runJob(uploadId: string, items: Staged[]): Promise<void> {
    const { jobId } = await api.commit({ uploadId, files: items.map((s) => s.preview.file) });
    const view: JobView = { job: await api.job(jobId), files: items.map((s) => ({ path: s.preview.file, size: s.preview.size })) };
    jobs.value.push(view);
    const live = jobs.value[jobs.value.length - 1];
    while (live.job.state === 'running') {
      await wait(POLL_MS);
      live.job = await api.job(jobId);
    }
    if (live.job.state === 'failed') throw new Error(live.job.error ?? 'import failed');
    // the customer views are rebuilt after the files (retried when that fails): follow it so the
    // page can say when it failed; the import itself is done, so the commit does not wait for it
    void followRebuild(live, jobId);
  }

  async function followRebuild(live: JobView, jobId: string): Promise<void> {
    try {
      while (live.job.rebuild && (live.job.rebuild.state === 'waiting' || live.job.rebuild.state === 'running')) {
        await wait(POLL_MS);
        live.job = await api.job(jobId);
      }
    } catch {
      // the job record may have been pruned or the session ended: nothing more to show
    }
  }

  /** Commits every upload's importable files, one upload after another, and waits for the end. */
  async function commit(): Promise<void> {
    if (ready.value.length === 0 || committing.value) return;
    committing.value = true;
    commitError.value = '';
    jobs.value = [];
    const byUpload = new Map<string, Staged[]>();
    for (const s of ready.value) byUpload.set(s.uploadId, [...(byUpload.get(s.uploadId) ?? []), s]);
    try {
      for (const [uploadId, items] of byUpload) await runJob(uploadId, items);
    } catch (e) {
      commitError.value = (e as Error).message;
    } finally {
      committing.value = false;
    }
  }

  return {
    staged, pending, jobs, committing, commitError, uploading, ready, committed,
    add, reprofile, remove, dismissPending, clear, commit,
  };
});
