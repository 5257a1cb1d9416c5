// Web mode as the CLI and `npm start` run it: the given database (or the per-user demo bank)
// behind the API, with the built renderer beside it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { failedLoginLog } from './core/audit/failed-logins.js';
import { openDb } from './core/db/connection.js';
import { ensureDemoDatabase } from './core/first-run.js';
import { defaultDataDir } from './core/paths.js';
import { allowedHostNames } from './host-allow-list.js';
import { startServer } from './server.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface WebModeOptions {
  dbFile?: string;
  port?: number;
  host?: string;
  staticDir?: string;
  /** intranet mode: the host names users reach this machine by */
  allowHosts?: string[];
  /** PEM files: serve HTTPS */
  certFile?: string;
  keyFile?: string;
}

/** Reads the certificate and key named on the command line, or says which is missing or unreadable. */
function readTls(o: WebModeOptions): { cert: Buffer; key: Buffer } | undefined {
  if (!o.certFile && !o.keyFile) return undefined;
  if (!o.certFile || !o.keyFile) throw new Error('--cert 与 --key 须同时给出（证书与私钥，PEM 格式）。 (--cert and --key go together.)');
  const read = (file: string, what: string) => {
    try {
      return fs.readFileSync(file);
    } catch (e) {
      throw new Error(`无法读取${what}文件 ${file}：${(e as Error).message} (cannot read the ${what === '证书' ? 'certificate' : 'key'})`);
    }
  };
  return { cert: read(o.certFile, '证书'), key: read(o.keyFile, '私钥') };
}

export async function startWebMode(o: WebModeOptions) {
  const host = o.host ?? '127.0.0.1';
  // refuse a bad intranet set-up before touching any database
  allowedHostNames(host, o.allowHosts);
  const tls = readTls(o);
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
    host,
    staticDir: fs.existsSync(staticDir) ? staticDir : undefined,
    allowHosts: o.allowHosts,
    tls,
    materialiseOnStart: true,
  });
  return {
    url: server.url,
    intranet: server.intranet,
    close: async () => {
      await server.close();
      await failedLoginLog(db).close(); // the failed sign-ins of the minute that is running
      db.close();
    },
  };
}
