// The importer's public face: files and folders in, batches out.
import fs from 'node:fs/promises';
import path from 'node:path';
import { IMPORT_ORDER, type DatasetId } from '../../../shared/datasets.js';
import type { ImportFileResult } from '../../../shared/api.js';
import type { Db } from '../db/connection.js';
import { importFile, openFile, type ImportOptions } from './importer.js';
import { readHead } from './sniff.js';

export { importFile, previewFiles, openFile, type ImportOptions } from './importer.js';
export { listBatches, batchIssues, writeIssuesCsv } from './batches.js';
export { undoBatch, undoBlocker } from './undo.js';
export { dataVersion } from './data-version.js';
export { listProfiles, getProfile, saveProfile, deleteProfile, loadProfileFile, parseProfile } from './profiles.js';

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

/** Expands folders, recognises every file, and imports them in dependency order. */
export async function importPaths(db: Db, paths: string[], opts: Omit<ImportOptions, 'fileName'> = {}): Promise<ImportFileResult[]> {
  const files: string[] = [];
  for (const p of paths) {
    const st = await fs.stat(p).catch(() => null);
    if (st?.isDirectory()) files.push(...(await listDataFiles(p)));
    else files.push(p);
  }
  const recognised = await Promise.all(
    files.map(async (f) => ({
      path: f,
      file: path.basename(f),
      dataset: await openFile(f, opts).then((o) => o.mapping.dataset.id, () => null),
    })),
  );
  const results: ImportFileResult[] = [];
  for (const f of orderForImport(recognised)) results.push(await importFile(db, f.path, { ...opts, fileName: f.file }));
  return results;
}
