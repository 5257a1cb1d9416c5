import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findElectronBinary } from '../../../electron/shell/detect-electron.js';

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-detect-'));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

/** A node_modules/electron as npm leaves it; `binary` adds path.txt and dist/<binary>. */
function fakeElectron(dir: string, opts: { binary?: string; writeBinary?: boolean; executable?: boolean } = {}): string {
  const pkg = path.join(dir, 'node_modules', 'electron');
  fs.mkdirSync(pkg, { recursive: true });
  fs.writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: 'electron', version: '45.4.1', main: 'index.js' }));
  // index.js as shipped would try to download: the detector must never run it
  fs.writeFileSync(path.join(pkg, 'index.js'), "throw new Error('index.js must not be required')");
  if (opts.binary) {
    fs.writeFileSync(path.join(pkg, 'path.txt'), opts.binary);
    if (opts.writeBinary !== false) {
      const bin = path.join(pkg, 'dist', opts.binary);
      fs.mkdirSync(path.dirname(bin), { recursive: true });
      fs.writeFileSync(bin, '#!/bin/sh\n');
      fs.chmodSync(bin, opts.executable === false ? 0o644 : 0o755);
    }
  }
  return pkg;
}

describe('findElectronBinary', () => {
  it('reports a missing package', () => {
    const r = findElectronBinary(root, {});
    expect(r.found).toBe(false);
    if (!r.found) expect(r.reason).toMatch(/not installed/);
  });

  it('reports an installed package whose binary was never downloaded (this machine)', () => {
    fakeElectron(root);
    const r = findElectronBinary(root, {});
    expect(r.found).toBe(false);
    if (!r.found) expect(r.reason).toMatch(/electron 45\.4\.1 .*path\.txt missing/);
  });

  it('reports path.txt naming a file that is not there', () => {
    fakeElectron(root, { binary: 'electron', writeBinary: false });
    const r = findElectronBinary(root, {});
    expect(r.found).toBe(false);
    if (!r.found) expect(r.reason).toContain(path.join('dist', 'electron'));
  });

  it.skipIf(process.platform === 'win32')('refuses a binary without the execute bit', () => {
    fakeElectron(root, { binary: 'electron', executable: false });
    expect(findElectronBinary(root, {}).found).toBe(false);
  });

  it('finds the binary path.txt names, trimming the newline', () => {
    const pkg = fakeElectron(root, { binary: 'electron' });
    fs.appendFileSync(path.join(pkg, 'path.txt'), '\n');
    const r = findElectronBinary(root, {});
    expect(r).toEqual({ found: true, path: path.join(pkg, 'dist', 'electron'), packageDir: pkg, version: '45.4.1' });
  });

  it('finds a nested path such as the macOS app bundle', () => {
    const rel = 'Electron.app/Contents/MacOS/Electron';
    const pkg = fakeElectron(root, { binary: rel });
    const r = findElectronBinary(root, {});
    expect(r.found && r.path).toBe(path.join(pkg, 'dist', rel));
  });

  it('resolves electron hoisted to a parent folder, as Node does', () => {
    const pkg = fakeElectron(root, { binary: 'electron' });
    const project = path.join(root, 'packages', 'console');
    fs.mkdirSync(project, { recursive: true });
    const r = findElectronBinary(project, {});
    expect(r.found && r.path).toBe(path.join(pkg, 'dist', 'electron'));
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH like electron’s own launcher', () => {
    fakeElectron(root);
    const dist = path.join(root, 'custom-dist');
    fs.mkdirSync(dist);
    fs.writeFileSync(path.join(dist, 'electron'), '');
    fs.chmodSync(path.join(dist, 'electron'), 0o755);
    const r = findElectronBinary(root, { ELECTRON_OVERRIDE_DIST_PATH: dist });
    expect(r.found && r.path).toBe(path.join(dist, 'electron'));
    const missing = findElectronBinary(root, { ELECTRON_OVERRIDE_DIST_PATH: path.join(root, 'nowhere') });
    expect(missing.found).toBe(false);
  });
});
