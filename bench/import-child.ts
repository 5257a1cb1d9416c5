// One import in a process of its own, so its peak memory (maxRSS) is the importer's alone.
// Prints one JSON line: {rows, seconds, peakRssMiB}.
import fs from 'node:fs';
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
/**
 * Peak RSS of this process image. getrusage's maxRSS survives exec on Linux (a child reports its
 * parent's peak if that was higher), so read VmHWM, which starts afresh with the new image.
 */
function peakRssMiB(): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) / 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS / 1024;
}

process.stdout.write(JSON.stringify({ rows: r.imported, rejected: r.rejected, seconds, peakRssMiB: peakRssMiB() }) + '\n');
