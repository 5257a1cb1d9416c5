// Import benchmark: the console's importer against the sqlite3 CLI's .import of the same rows
// into a table of the same schema, in one run, on one machine. Figures are printed, never
// asserted: timings on a shared 2-core machine vary from run to run.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { DATASET_BY_ID } from '../shared/datasets.js';
import { writeBenchAcqTxn } from '../seeds/bench-file.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'bench', 'out');

/**
 * The console's acq_txn table and index, less its two bookkeeping columns (batch_id, extra), so
 * the CLI loads the file's columns one to one into the same types, key and index.
 */
function acqTxnDdl(): string {
  const sql = fs.readFileSync(path.join(ROOT, 'electron/core/db/migrations/001_init.sql'), 'utf8');
  const table = /CREATE TABLE acq_txn \([\s\S]*?\);/.exec(sql)![0]
    .replace(/\n\s*batch_id INTEGER,/, '')
    .replace(/,\n\s*extra TEXT/, '');
  const index = /CREATE INDEX acq_txn_merchant_time[^;]*;/.exec(sql)![0];
  return `${table}\n${index}`;
}

/** The CLI maps by position: the file must list the columns in the table's order. */
function checkHeaderOrder(utf8: string): void {
  const header = fs.readFileSync(utf8, 'utf8').slice(0, 500).split(/\r?\n/)[0].replace(/^\uFEFF/, '').split(',');
  const expected = DATASET_BY_ID.acq_txn.columns.map((c) => c.zh);
  if (header.join() !== expected.join()) throw new Error(`bench file header ${header} is not in table order ${expected}`);
}

async function ensureFile(rows: number): Promise<{ gbk: string; utf8: string }> {
  fs.mkdirSync(OUT, { recursive: true });
  const gbk = path.join(OUT, `acq_txn_${rows}.gbk.csv`);
  const utf8 = path.join(OUT, `acq_txn_${rows}.utf8.csv`);
  if (!fs.existsSync(gbk)) await writeBenchAcqTxn(gbk, rows, 7);
  if (!fs.existsSync(utf8)) {
    // the sqlite3 CLI cannot decode GBK: give it the same rows in UTF-8 (not timed), streamed
    // so this process stays small
    const decoder = new TextDecoder('gb18030');
    const out = fs.createWriteStream(utf8);
    for await (const chunk of fs.createReadStream(gbk)) out.write(decoder.decode(chunk as Buffer, { stream: true }));
    out.end(decoder.decode());
    await new Promise<void>((r) => out.on('finish', () => r()));
  }
  return { gbk, utf8 };
}

function sqliteCli(utf8: string): number {
  const db = path.join(OUT, 'cli.db');
  for (const f of [db, `${db}-wal`, `${db}-shm`]) fs.rmSync(f, { force: true });
  execFileSync('sqlite3', [db, 'PRAGMA journal_mode=WAL;', acqTxnDdl()]);
  // .import straight into the typed table: the fairest like-for-like figure
  const t0 = performance.now();
  const r = spawnSync('sqlite3', [db], {
    input: `PRAGMA synchronous=NORMAL;\n.mode csv\n.import --skip 1 ${utf8} acq_txn\n`,
    encoding: 'utf8',
  });
  const s = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`sqlite3 .import failed: ${r.stderr}`);
  const n = Number(execFileSync('sqlite3', [db, 'SELECT count(*) FROM acq_txn']).toString().trim());
  if (n <= 0) throw new Error('sqlite3 .import stored no rows');
  return s;
}

function consoleImport(gbk: string): { rows: number; seconds: number; peakRssMiB: number } {
  const db = path.join(OUT, 'console.db');
  for (const f of [db, `${db}-wal`, `${db}-shm`]) fs.rmSync(f, { force: true });
  const out = execFileSync(process.execPath, [path.join(ROOT, 'bin/run-ts.js'), path.join(ROOT, 'bench/import-child.ts'), db, gbk]);
  return JSON.parse(out.toString().trim().split('\n').pop()!);
}

export async function runImportBench(rows = Number(process.env.BENCH_ROWS ?? 1_000_000)): Promise<void> {
  console.log(`\n== 收单交易 import: ${rows.toLocaleString('en')} rows (GBK CSV) ==`);
  const { gbk, utf8 } = await ensureFile(rows);
  const small = await ensureFile(Math.round(rows / 4));
  const double = await ensureFile(rows * 2);
  const mib = (fs.statSync(gbk).size / 1024 / 1024).toFixed(1);
  checkHeaderOrder(utf8);
  const cli = sqliteCli(utf8);
  const ours = consoleImport(gbk);
  const quarter = consoleImport(small.gbk);
  const twice = consoleImport(double.gbk);
  console.log(`file                          ${mib} MiB`);
  console.log(`sqlite3 CLI .import (typed)   ${cli.toFixed(2)} s   ${Math.round(rows / cli).toLocaleString('en')} rows/s`);
  console.log(`console importer              ${ours.seconds.toFixed(2)} s   ${Math.round(ours.rows / ours.seconds).toLocaleString('en')} rows/s`);
  console.log(`ratio importer / CLI          ${(ours.seconds / cli).toFixed(2)}   (goal ≤ 2.0 now, 1.25 later)`);
  // SQLite's page cache is capped at 64 MiB (connection.ts): RSS climbs until the cache is full,
  // then stays flat however long the file is.
  for (const m of [quarter, ours, twice]) {
    console.log(`importer peak RSS             ${m.peakRssMiB.toFixed(0)} MiB at ${m.rows.toLocaleString('en')} rows (${m.seconds.toFixed(2)} s)`);
  }
  console.log(`peak RSS growth 1× → 2× rows   ${(twice.peakRssMiB - ours.peakRssMiB).toFixed(0)} MiB`);
}
