// Finds the Electron executable the way node_modules/electron/index.js does, but without
// requiring that module: electron 45's index.js starts a download when the binary is missing,
// and on machines without access to the download host that download fails loudly.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

export type ElectronDetection =
  | { found: true; path: string; packageDir: string; version: string | null }
  | { found: false; reason: string };

function readVersion(packageDir: string): string | null {
  try {
    return (JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version?: string }).version ?? null;
  } catch {
    return null;
  }
}

function isExecutableFile(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false;
    if (process.platform !== 'win32') fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * @param projectRoot folder whose node_modules (or an ancestor's, as Node resolves) holds electron
 * @param env ELECTRON_OVERRIDE_DIST_PATH is honoured as electron's own launcher does
 */
export function findElectronBinary(projectRoot: string, env: NodeJS.ProcessEnv = process.env): ElectronDetection {
  let packageDir: string;
  try {
    // resolving package.json reads nothing and runs nothing
    const req = createRequire(path.join(path.resolve(projectRoot), 'noop.js'));
    packageDir = path.dirname(req.resolve('electron/package.json'));
  } catch {
    return { found: false, reason: 'the electron package is not installed (node_modules/electron missing)' };
  }
  const version = readVersion(packageDir);
  const pathFile = path.join(packageDir, 'path.txt');
  const relative = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : '';

  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const bin = path.join(env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron');
    return isExecutableFile(bin)
      ? { found: true, path: bin, packageDir, version }
      : { found: false, reason: `ELECTRON_OVERRIDE_DIST_PATH is set but ${bin} is not an executable file` };
  }
  if (!relative) {
    return {
      found: false,
      reason: `electron${version ? ` ${version}` : ''} is installed without its binary (${path.join(packageDir, 'path.txt')} missing: the download at install time failed)`,
    };
  }
  const bin = path.join(packageDir, 'dist', relative);
  if (!isExecutableFile(bin)) {
    return { found: false, reason: `node_modules/electron/path.txt names ${bin}, which is not an executable file` };
  }
  return { found: true, path: bin, packageDir, version };
}
