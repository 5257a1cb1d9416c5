// "Is this build output older than its sources?" for npm start, which rebuilds only when needed.
import fs from 'node:fs';
import path from 'node:path';

const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'dist-electron']);

/** Newest modification time (ms) among the files under the given files/folders; 0 if none. */
export function newestMtime(paths: string[]): number {
  let newest = 0;
  const visit = (p: string): void => {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      if (SKIP_DIRS.has(path.basename(p))) return;
      for (const name of fs.readdirSync(p)) visit(path.join(p, name));
    } else if (st.mtimeMs > newest) {
      newest = st.mtimeMs;
    }
  };
  for (const p of paths) visit(p);
  return newest;
}

/** True when any output file is missing or older than the newest source. */
export function isStale(outputs: string[], sources: string[]): boolean {
  let oldestOutput = Infinity;
  for (const out of outputs) {
    try {
      oldestOutput = Math.min(oldestOutput, fs.statSync(out).mtimeMs);
    } catch {
      return true;
    }
  }
  return newestMtime(sources) > oldestOutput;
}
