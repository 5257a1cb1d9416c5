// Packaging cannot run here (no Electron download), so the configuration is checked the way
// electron-builder itself checks it before building: against its own JSON schema.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(s: string): unknown };
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  validateConfiguration(cfg: unknown, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util/out/DebugLogger') as { DebugLogger: new (enabled: boolean) => unknown };

interface Cfg {
  appId: string;
  productName: string;
  files: string[];
  asarUnpack: string[];
  npmRebuild: boolean;
  extraMetadata: { main: string };
  win: { target: { target: string; arch: string[] }[] };
  nsis: { perMachine: boolean; oneClick: boolean; installerLanguages: string[]; language: string };
  linux: { target: { target: string }[] };
  asar: boolean;
  electronFuses: Record<string, boolean>;
}
const cfg = yaml.load(fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as Cfg;

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own schema validation', async () => {
    await expect(validateConfiguration(structuredClone(cfg), new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('names the product and targets Windows NSIS x64 per-user in Chinese, and Linux AppImage', () => {
    expect(cfg.appId).toBe('cn.example.branchconsole');
    expect(cfg.productName).toBe('网点工作台');
    expect(cfg.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(cfg.nsis.perMachine).toBe(false);
    expect(cfg.nsis.installerLanguages).toEqual(['zh_CN']);
    expect(cfg.nsis.language).toBe('2052'); // LCID of zh-CN
    expect(cfg.linux.target.map((t) => t.target)).toEqual(['AppImage']);
  });

  it('starts the bundle package.json points to, and ships what it loads', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { main: string };
    expect(cfg.extraMetadata.main).toBe('dist-electron/main.cjs');
    expect(pkg.main).toBe(cfg.extraMetadata.main);
    expect(cfg.files).toEqual(expect.arrayContaining(['package.json', 'dist/renderer/**/*', 'dist-electron/**/*']));
  });

  it('rebuilds better-sqlite3 for Electron and keeps it outside the asar', () => {
    expect(cfg.npmRebuild).toBe(true);
    expect(cfg.asarUnpack.some((p) => p.startsWith('node_modules/better-sqlite3/'))).toBe(true);
  });

  it('flips the Electron fuses: no Node runtime, NODE_OPTIONS or inspector; only the checked app.asar; encrypted cookies', async () => {
    // read back through electron-builder's own translation to @electron/fuses wires, so a
    // misspelt option (silently dropped by the packager) shows up as a missing wire here
    const { PlatformPackager } = require('app-builder-lib') as {
      PlatformPackager: { prototype: { generateFuseConfig(f: unknown): Promise<Record<string | number, unknown>> } };
    };
    const { FuseV1Options } = require('@electron/fuses') as { FuseV1Options: Record<string, number> };
    const wires = await PlatformPackager.prototype.generateFuseConfig.call({}, cfg.electronFuses);
    expect(wires[FuseV1Options.RunAsNode]).toBe(false);
    expect(wires[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
    expect(wires[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
    expect(wires[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
    expect(wires[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    expect(wires[FuseV1Options.EnableCookieEncryption]).toBe(true);
    expect(wires[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(false);
    // the integrity fuses mean something only for an asar build
    expect(cfg.asar).toBe(true);
  });
});
