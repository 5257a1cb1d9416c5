// The demo bank on first run: generate its export files, import them like any other files,
// and mark the database as the demo so the login page can list the demo users.
import fs from 'node:fs';
import path from 'node:path';
import type { ImportFileResult } from '../../shared/api.js';
import { ensureDemoUsers, markDemo } from './auth/index.js';
import { openDb, type Db } from './db/connection.js';
import { batchReach, latestDataDay, monthRuns, runMonths } from './monitoring/runs.js';
import { monthStart } from '../../shared/dates.js';
import { dataDays } from './indicators/index.js';
import { importPaths } from './import/index.js';
import { warmCustomerViews } from './crm/warm.js';
import { defaultDbPath } from './paths.js';

export interface SeedDemoOptions {
  outDir: string;
  scale?: 'small' | 'medium' | 'large';
  seed?: number;
  /** import the files into this database too */
  dbFile?: string;
}

export async function seedDemoBank(o: SeedDemoOptions): Promise<{ files: string[]; results?: ImportFileResult[] }> {
  const { generateDemoBank } = await import('../../seeds/index.js');
  const g = await generateDemoBank({ outDir: o.outDir, scale: o.scale ?? 'small', seed: o.seed });
  if (!o.dbFile) return { files: g.files };
  const db = openDb(o.dbFile);
  try {
    const results = await importPaths(db, g.files, { username: 'seed' });
    markDemo(db);
    await ensureDemoUsers(db);
    warmCustomerViews(db);
    runDemoMonitoring(db, results);
    return { files: g.files, results };
  } finally {
    db.close();
  }
}

/**
 * The monitoring rules over what the seed imported, as the import screen would have queued them
 * (monitoring/runs.ts batchReach: from the first day any batch speaks for to the latest data day),
 * so the 预警 screens of a fresh demo console hold alerts at once. Run here, in the seeding
 * process, before the console serves the database: nothing else writes to it yet.
 */
function runDemoMonitoring(db: Db, results: readonly ImportFileResult[]): void {
  const latest = latestDataDay(db);
  if (latest === null) return;
  let from: string | null = null;
  for (const r of results) {
    if (r.batchId == null || r.imported === 0) continue;
    const reach = batchReach(db, r.batchId);
    if (!reach) continue;
    const day = reach.from ?? monthStart(latest);
    if (from === null || day < from) from = day;
  }
  if (from === null) return;
  // a deposit or loan batch reaches back a month (its month-end cases); the demo has nothing before its first day
  const first = dataDays(db)[0].date;
  runMonths(db, monthRuns(from < first ? first : from, latest), 'import');
}

function hasContent(dbPath: string): boolean {
  if (!fs.existsSync(dbPath)) return false;
  const db = openDb(dbPath);
  try {
    return (db.prepare('SELECT (SELECT count(*) FROM app_user) + (SELECT count(*) FROM import_batch)').pluck().get() as number) > 0;
  } finally {
    db.close();
  }
}

/**
 * The per-user database, seeded with the demo bank the first time. Seeding writes a side file
 * and renames it into place, so a first run that is interrupted seeds again next time instead of
 * leaving a half-filled bank.
 */
export async function ensureDemoDatabase(dataDir: string): Promise<{ dbPath: string; seeded: boolean }> {
  const dbPath = defaultDbPath(dataDir);
  if (hasContent(dbPath)) return { dbPath, seeded: false };
  fs.mkdirSync(dataDir, { recursive: true });
  const tmp = `${dbPath}.seeding`;
  for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) fs.rmSync(f, { force: true });
  await seedDemoBank({ outDir: path.join(dataDir, 'demo-exports'), scale: 'small', dbFile: tmp });
  for (const f of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) fs.rmSync(f, { force: true });
  fs.renameSync(tmp, dbPath);
  return { dbPath, seeded: true };
}
