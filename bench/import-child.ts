// One import in a process of its own, so its peak memory (maxRSS) is the importer's alone.
// Prints one JSON line: {rows, seconds, peakRssMiB}.
import { performance } from 'node:perf_hooks';
import { openDb } from '../electron/core/db/connection.js';
import { importFile } from '../electron/core/import/index.js';

const [dbFile, file] = process.argv.slice(2);
const db = openDb(dbFile);
const t0 = performance.now();
const r = await importFile(db, file);
const seconds = (performance.now() - t0) / 1000;
db.close();
if (r.error) throw new Error(r.error);
process.stdout.write(
  JSON.stringify({ rows: r.imported, rejected: r.rejected, seconds, peakRssMiB: process.resourceUsage().maxRSS / 1024 }) + '\n',
);
