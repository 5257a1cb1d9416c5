// Web mode as the CLI and `npm start` run it: the given database (or the per-user demo bank)
// behind the API, with the built renderer beside it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDb } from './core/db/connection.js';
import { ensureDemoDatabase } from './core/first-run.js';
import { defaultDataDir } from './core/paths.js';
import { startServer } from './server.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function startWebMode(o: { dbFile?: string; port?: number; host?: string; staticDir?: string }) {
  let dbFile = o.dbFile;
  let dataDir: string;
  if (dbFile) dataDir = path.dirname(path.resolve(dbFile));
  else {
    dataDir = defaultDataDir();
    dbFile = (await ensureDemoDatabase(dataDir)).dbPath;
  }
  const staticDir = o.staticDir ?? path.join(ROOT, 'dist', 'renderer');
  const db = openDb(dbFile);
  const server = await startServer({
    db,
    dataDir,
    port: o.port ?? 5180,
    host: o.host ?? '127.0.0.1',
    staticDir: fs.existsSync(staticDir) ? staticDir : undefined,
  });
  return { url: server.url, close: async () => (await server.close(), db.close()) };
}
