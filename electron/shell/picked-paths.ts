// The files and folders the native open dialog returned in this run of the app. The core API's
// POST /api/import/local reads only these: a renderer that were ever made to run foreign script
// could otherwise name any path on the PC (the user's documents, another app's data) and have
// its contents parsed and shown back as an import preview.
import path from 'node:path';

/** Old picks are forgotten past this many; a session of imports picks a handful. */
const MAX_REMEMBERED = 1000;

export class PickedPaths {
  private readonly paths = new Set<string>();

  /** Remembers what a dialog returned, exactly as it returned it (normalised, never widened). */
  record(picked: readonly string[]): void {
    for (const p of picked) {
      const key = normalise(p);
      if (!key) continue;
      this.paths.delete(key); // re-picked: now the most recent
      this.paths.add(key);
      if (this.paths.size > MAX_REMEMBERED) this.paths.delete(this.paths.values().next().value!);
    }
  }

  /**
   * Whether the dialog returned this very path. A file inside a picked folder is not itself
   * granted: the import of a folder is asked for by the folder's path, and the core lists it.
   */
  allows(p: string): boolean {
    const key = normalise(p);
    return key !== null && this.paths.has(key);
  }
}

/** Absolute paths only; "a/../b" and trailing separators folded so one path has one form. */
function normalise(p: string): string | null {
  if (typeof p !== 'string' || p === '' || p.includes('\0') || !path.isAbsolute(p)) return null;
  const r = path.resolve(p);
  // Windows paths compare case-insensitively, as the file system does
  return process.platform === 'win32' ? r.toLowerCase() : r;
}
