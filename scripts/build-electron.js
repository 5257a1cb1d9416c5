#!/usr/bin/env node
// Bundles the Electron side: electron/main.ts → dist-electron/main.cjs and electron/preload.ts →
// dist-electron/preload.cjs, and copies the SQL migrations beside them.
//
// Why CommonJS: the sandboxed preload must be CJS, and a CJS main keeps `require` for the native
// better-sqlite3. The core is ESM source that finds files next to itself through
// `import.meta.url`, which CJS lacks; the bundle defines it as the URL of main.cjs, so
// electron/core/db/migrate.ts looks for `migrations/` in dist-electron/ and finds the copy made
// here (see RESOURCES). A new module that reads files relative to its own location needs an entry
// there: the build warns about any it does not know, and a unit test fails on them.
//
// External: only electron (provided by the runtime) and better-sqlite3 (native, rebuilt for
// Electron and unpacked from the asar). Everything else is bundled, resolved with the same
// "import" conditions tsx uses: left external, ESM-first packages would be require()d through
// their CJS builds, whose default exports differ (@turf/boolean-point-in-polygon's default import
// came out as the exports object, not the function).
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const META_URL = '__bc_import_meta_url';

/**
 * Folders that modules read relative to their own file through import.meta.url. In the bundle
 * that URL is dist-electron/main.cjs, so each folder is copied to where the module will look:
 * `to` is the path the module's own code appends to its directory.
 */
const RESOURCES = [
  { users: ['electron/core/db/migrate.ts'], from: 'electron/core/db/migrations', to: 'migrations', filter: /\.sql$/ },
  // the seed's district shapes, and the grid map's bundled base map (the same file)
  { users: ['seeds/geo.ts', 'electron/core/grid/base.ts'], from: 'seeds/data', to: 'data', filter: /./ },
];

/**
 * Worker threads: each entry is bundled beside main.cjs as `out`, where `user` (the module that
 * starts the worker) looks for it through import.meta.url before falling back to its tsx entry.
 */
const WORKERS = [
  { user: 'electron/core/indicators/job.ts', entry: 'electron/core/indicators/worker.ts', out: 'indicators-worker.cjs' },
  { user: 'electron/core/monitoring/runs.ts', entry: 'electron/core/monitoring/worker.ts', out: 'monitoring-worker.cjs' },
  { user: 'electron/core/report/book-thread.ts', entry: 'electron/core/report/book-worker.ts', out: 'report-book-worker.cjs' },
];

/**
 * Modules whose import.meta.url only seeds createRequire for packages of node_modules (resolved
 * at run time from the app's own node_modules, which electron-builder packs): nothing to copy.
 */
const REQUIRE_USERS = ['electron/core/documents/pdf-engine.ts'];

function copyResources(root, outDir) {
  const copied = {};
  for (const r of RESOURCES) {
    const from = path.join(root, r.from);
    const to = path.join(outDir, r.to);
    fs.rmSync(to, { recursive: true, force: true });
    if (!fs.existsSync(from)) continue;
    fs.mkdirSync(to, { recursive: true });
    copied[r.to] = fs.readdirSync(from).filter((f) => r.filter.test(f));
    for (const f of copied[r.to]) fs.copyFileSync(path.join(from, f), path.join(to, f));
  }
  return copied;
}

function metaUrlUsers(root, metafile) {
  return Object.keys(metafile.inputs)
    .filter((f) => !f.includes('node_modules') && /\.[cm]?[jt]s$/.test(f))
    .filter((f) => /import\.meta\.(url|dirname|filename)/.test(fs.readFileSync(path.join(root, f), 'utf8')))
    .filter((f) => !RESOURCES.some((r) => r.users.includes(f.split(path.sep).join('/'))))
    .filter((f) => !WORKERS.some((w) => w.user === f.split(path.sep).join('/')))
    .filter((f) => !REQUIRE_USERS.includes(f.split(path.sep).join('/')));
}

/**
 * @param {{ root?: string, outDir?: string, main?: string, preload?: string | null, logLevel?: import('esbuild').LogLevel }} [opts]
 *   main/preload are entry files relative to root; preload null skips it (tests bundle other entries).
 */
export async function buildElectron(opts = {}) {
  const root = opts.root ?? ROOT;
  const outDir = opts.outDir ?? path.join(root, 'dist-electron');
  const external = ['electron', 'better-sqlite3'];
  fs.mkdirSync(outDir, { recursive: true });

  const nodeBundle = (entry, outfile) =>
    build({
      absWorkingDir: root,
      entryPoints: [entry],
      outfile: path.join(outDir, outfile),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node22', // Electron 45 embeds Node 22
      external,
      sourcemap: 'linked',
      metafile: true,
      logLevel: opts.logLevel ?? 'warning',
      define: {
        'import.meta.url': META_URL,
        'import.meta.dirname': '__dirname',
        'import.meta.filename': '__filename',
      },
      banner: { js: `const ${META_URL} = require('node:url').pathToFileURL(__filename).href;` },
    });
  const main = await nodeBundle(opts.main ?? 'electron/main.ts', 'main.cjs');
  for (const w of WORKERS) await nodeBundle(w.entry, w.out);

  if (opts.preload !== null) {
    await build({
      absWorkingDir: root,
      entryPoints: [opts.preload ?? 'electron/preload.ts'],
      outfile: path.join(outDir, 'preload.cjs'),
      bundle: true,
      // 'browser' makes the build fail if the sandboxed preload ever imports a Node built-in
      platform: 'browser',
      format: 'cjs',
      target: 'chrome140',
      external: ['electron'],
      sourcemap: 'linked',
      logLevel: opts.logLevel ?? 'warning',
    });
  }

  const copied = copyResources(root, outDir);
  return { outDir, migrations: copied.migrations ?? [], resources: copied, workers: WORKERS.map((w) => w.out), metaUrlUsers: metaUrlUsers(root, main.metafile) };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = Date.now();
  const result = await buildElectron();
  console.log(
    `dist-electron: main.cjs, preload.cjs, ${result.workers.join(', ')}, ${result.migrations.length} migration(s) in ${Date.now() - started} ms`,
  );
  for (const f of result.metaUrlUsers) {
    console.warn(`warning: ${f} uses import.meta.url/dirname; in the bundle that is dist-electron/, copy its files there`);
  }
}
