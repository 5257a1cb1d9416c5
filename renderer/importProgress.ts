// Progress bars for a running import job. The job reports bytes read; whether the server counts
// them for the whole job or for the current file, the per-file and overall percentages below come
// out right: a bytesTotal equal to the current file's size can only mean per-file counting.
import type { ImportJob } from '../shared/api.js';

export interface FileBar {
  file: string;
  percent: number; // 0–100, integer
  state: 'pending' | 'running' | 'done' | 'error';
}

const base = (p: string) => p.split(/[\\/]/).pop() ?? p;
export const sameFile = (a: string, b: string) => a === b || base(a) === base(b);

const pct = (done: number, total: number) => (total > 0 ? Math.max(0, Math.min(100, Math.floor((done * 100) / total))) : 0);

export function progressBars(job: ImportJob, files: { path: string; size: number }[]): { overall: number; files: FileBar[] } {
  const finished = new Set<string>();
  const bars: FileBar[] = files.map((f) => {
    const r = job.results.find((x) => sameFile(x.file, f.path));
    if (r) {
      finished.add(f.path);
      return { file: f.path, percent: 100, state: r.error ? 'error' : 'done' };
    }
    return { file: f.path, percent: 0, state: 'pending' };
  });
  if (job.state !== 'running') {
    for (const b of bars) if (b.state === 'pending' && job.state === 'done') b.percent = 100;
    return { overall: job.state === 'done' ? 100 : pct(finished.size, files.length), files: bars };
  }
  const current = files.find((f) => job.currentFile !== null && sameFile(f.path, job.currentFile));
  const doneBytes = files.filter((f) => finished.has(f.path)).reduce((s, f) => s + f.size, 0);
  const allBytes = files.reduce((s, f) => s + f.size, 0);
  const perFile = current !== undefined && job.bytesTotal === current.size && job.bytesTotal !== allBytes;
  let overall: number;
  if (current) {
    const bar = bars.find((b) => b.file === current.path)!;
    const readInFile = perFile ? job.bytesDone : job.bytesDone - doneBytes;
    bar.state = 'running';
    bar.percent = pct(readInFile, current.size);
    overall = pct(doneBytes + Math.max(0, readInFile), allBytes);
  } else {
    overall = perFile ? pct(job.fileIndex, job.fileCount) : pct(job.bytesDone, job.bytesTotal || allBytes);
  }
  return { overall, files: bars };
}
