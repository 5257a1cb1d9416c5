import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { findCjkFont } from '../../../electron/core/documents/font.js';
import { buildElectron } from '../../../scripts/build-electron.js';
import { pdfPages } from '../documents/poppler.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const MIGRATIONS = path.join(ROOT, 'electron/core/db/migrations');
// inside the repository (tmp/ is git-ignored) so the bundle's external requires resolve from node_modules
const OUT = path.join(ROOT, 'tmp', `shell-bundle-${process.pid}`);
afterAll(() => fs.rmSync(OUT, { recursive: true, force: true }));

describe('build-electron', () => {
  it('bundles a core entry to CJS that finds the migrations beside the bundle', async () => {
    const out = path.join(OUT, 'probe');
    const result = await buildElectron({ outDir: out, main: 'tests/unit/shell/fixtures/bundle-probe.ts', preload: null, logLevel: 'error' });
    const sqlFiles = fs.readdirSync(MIGRATIONS).filter((f) => f.endsWith('.sql')).sort();
    expect(result.migrations.sort()).toEqual(sqlFiles);
    expect(fs.readdirSync(path.join(out, 'migrations')).sort()).toEqual(sqlFiles);

    // what the schema should be, computed without our code: every migration run in order by hand
    const ref = new Database(':memory:');
    for (const f of sqlFiles) ref.exec(fs.readFileSync(path.join(MIGRATIONS, f), 'utf8'));
    const expectedTables = (ref.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[])
      .map((r) => r.name)
      .concat('schema_migrations')
      .sort();
    ref.close();

    // run from another working directory: only the bundle's own location may matter
    const dbFile = path.join(out, 'probe.db');
    const stdout = execFileSync(process.execPath, [path.join(out, 'main.cjs'), dbFile], { cwd: path.join(ROOT, 'tmp'), encoding: 'utf8' });
    const got = JSON.parse(stdout) as { versions: number[]; tables: string[] };
    expect(got.versions).toEqual(sqlFiles.map((f) => Number(f.split('_')[0])));
    expect(got.tables.filter((t) => !t.startsWith('sqlite_')).sort()).toEqual(expectedTables.filter((t) => !t.startsWith('sqlite_')));
  });

  it('bundles the real main and a sandbox-safe preload', async () => {
    const out = path.join(OUT, 'real');
    const result = await buildElectron({ outDir: out, logLevel: 'error' });
    const main = fs.readFileSync(path.join(out, 'main.cjs'), 'utf8');
    const preload = fs.readFileSync(path.join(out, 'preload.cjs'), 'utf8');
    expect(main).toContain('require("electron")');
    expect(main).toContain('require("better-sqlite3")');
    // a sandboxed preload can require 'electron' and nothing else
    const preloadRequires = [...preload.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
    expect(new Set(preloadRequires)).toEqual(new Set(['electron']));
    expect(preload).toContain('exposeInMainWorld');
    // every module reading files next to itself must be known to the build, or the app breaks packaged
    expect(result.metaUrlUsers).toEqual([]);

    // the assessment book's worker, as bundled, lays out a book of two one-page sheets + the summary
    expect(result.workers).toContain('report-book-worker.cjs');
    const sheet = (id: string) => ({ object: { type: 'org', id, name: id }, scheme_version: 1, rows: [], deductions: 0, deduction_items: [], adjustments: 0, adjustment_items: [], total: 0, full: 0, rank: 1 });
    const input = {
      result: { period: '2024-07', as_of: '2024-07-31', progress: false, locked: null, sheets: [sheet('B1'), sheet('B2')] },
      head: { title: '绩效考核汇总', pairs: [] },
      meta: { user: 'test', at: new Date(), lang: 'zh' },
      font: findCjkFont(),
      options: {},
    };
    const answer = await new Promise<{ kind: string; bytes?: Uint8Array; message?: string }>((resolve, reject) => {
      const w = new Worker(path.join(out, 'report-book-worker.cjs'), { workerData: input });
      w.once('message', resolve);
      w.once('error', reject);
    });
    expect(answer.message).toBeUndefined();
    expect(pdfPages(Buffer.from(answer.bytes!))).toBe(3);
  });
});
