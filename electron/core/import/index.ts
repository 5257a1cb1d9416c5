// The importer's public face: files and folders in, batches out.
import fs from 'node:fs/promises';
import path from 'node:path';
import { IMPORT_ORDER, type DatasetId } from '../../../shared/datasets.js';
import type { ImportFileResult } from '../../../shared/api.js';
import type { Db } from '../db/connection.js';
import { importFile, openFile, type ImportOptions } from './importer.js';
import { readHead } from './sniff.js';
import { pickProfile, type ProfileChoice } from './profile-match.js';

export { importFile, previewFiles, openFile, type ImportOptions } from './importer.js';
export { listBatches, batchIssues, batchFileName, writeIssuesCsv } from './batches.js';
export { undoBatch, undoBlocker } from './undo.js';
export { dataVersion } from './data-version.js';
export { listProfiles, getProfile, saveProfile, deleteProfile, loadProfileFile, parseProfile, ProfileError } from './profiles.js';
export { pickProfile, splitProfileArg, type ProfileChoice } from './profile-match.js';
export { previewAsSeen, resultAsSeen, type ValueView } from './issue-mask.js';

/** Items in dependency order (org, staff, customer, then the rest), then by file name. */
export function orderForImport<T extends { file: string; dataset: DatasetId | null }>(items: T[]): T[] {
  const rank = (d: DatasetId | null) => (d === null ? IMPORT_ORDER.length : IMPORT_ORDER.indexOf(d));
  return [...items].sort((a, b) => rank(a.dataset) - rank(b.dataset) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

const DATA_EXT = /\.(csv|txt|tsv|dat|xlsx|xlsm|geojson|json)$/i;

/**
 * The data files of a folder (recursively). JSON that is not a GeoJSON FeatureCollection (labels,
 * settings) and files of other kinds are not data: they are passed over, not failed.
 */
export async function listDataFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await fs.readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listDataFiles(p)));
    else if (e.isFile() && DATA_EXT.test(e.name) && !e.name.startsWith('.')) {
      if (/\.json$/i.test(e.name) && !/"FeatureCollection"/.test((await readHead(p, 4096)).toString('utf8'))) continue;
      out.push(p);
    }
  }
  return out;
}

/** The files of the given paths, folders expanded. */
export async function expandPaths(paths: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const p of paths) {
    const st = await fs.stat(p).catch(() => null);
    if (st?.isDirectory()) files.push(...(await listDataFiles(p)));
    else files.push(p);
  }
  return files;
}

/**
 * Expands folders, picks each file's mapping profile among `profiles` (see profile-match.ts),
 * recognises every file, and imports them in dependency order.
 */
export async function importPaths(
  db: Db,
  paths: string[],
  opts: Omit<ImportOptions, 'fileName' | 'profile'> & { profiles?: ProfileChoice[] } = {},
): Promise<ImportFileResult[]> {
  const { profiles = [], ...base } = opts;
  const recognised = await Promise.all(
    (await expandPaths(paths)).map(async (f) => {
      const file = path.basename(f);
      const pick = await pickProfile(f, file, profiles, base);
      const dataset = pick.error ? null : await openFile(f, { ...base, fileName: file, profile: pick.profile }).then((o) => o.mapping.dataset.id, () => null);
      return { path: f, file, dataset, ...pick };
    }),
  );
  const results: ImportFileResult[] = [];
  for (const f of orderForImport(recognised)) {
    if (f.error) {
      results.push({ file: f.file, dataset: null, batchId: null, rows: 0, imported: 0, inserted: 0, replaced: 0, unchanged: 0, rejected: 0, warnings: 0, error: f.error });
      continue;
    }
    results.push(await importFile(db, f.path, { ...base, fileName: f.file, profile: f.profile }));
  }
  return results;
}
