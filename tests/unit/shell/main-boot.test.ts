// The bundled dist-electron/main.cjs booted under plain Node with a stand-in for the 'electron'
// module (fixtures/fake-electron.cjs): no Electron binary exists here, but the bundle, the first
// run (demo bank generated and imported from inside the bundle), the API and the static files on
// app://, and the guards main.ts registers all run for real.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildElectron } from '../../../scripts/build-electron.js';
import { buildCsp } from '../../../electron/shell/csp.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const OUT = path.join(ROOT, 'tmp', `shell-main-${process.pid}`);
const HOME = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-main-home-'));
const APP = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-main-app-'));

interface Reply {
  status: number;
  type: string | null;
  csp: string | null;
  body: string;
}
interface Report {
  schemes: { scheme: string; privileges: Record<string, boolean> }[];
  handledScheme: string;
  sandbox: boolean;
  windows: { options: { webPreferences: Record<string, unknown>; minWidth: number }; url: string }[];
  ipc: string[];
  menu: string[];
  permissions: Record<string, boolean>;
  webRequest: { urls: string[]; cancelsRemote: boolean };
  navigation: Record<string, { prevented: boolean; windowOpen: string; childSandbox: boolean | null }>;
  webviewBlocked: boolean;
  openExternal: string[];
  responses: Record<'entry' | 'status' | 'traversal', Reply>;
}
let report: Report;

beforeAll(async () => {
  await buildElectron({ outDir: OUT, logLevel: 'error' });
  fs.mkdirSync(path.join(APP, 'dist', 'renderer'), { recursive: true });
  fs.writeFileSync(path.join(APP, 'dist', 'renderer', 'index.html'), '<!doctype html><title>probe</title>');
  const stdout = execFileSync(process.execPath, ['-r', path.join(ROOT, 'tests/unit/shell/fixtures/fake-electron.cjs'), path.join(OUT, 'main.cjs')], {
    cwd: os.tmpdir(),
    env: { ...process.env, BRANCH_CONSOLE_HOME: HOME, FAKE_APP_PATH: APP },
    encoding: 'utf8',
  });
  report = JSON.parse(stdout) as Report;
});
afterAll(() => {
  for (const d of [OUT, HOME, APP]) fs.rmSync(d, { recursive: true, force: true });
});

describe('dist-electron/main.cjs under a stand-in Electron', () => {
  it('registers app:// as a privileged standard, secure scheme and turns the sandbox on for all renderers', () => {
    expect(report.schemes).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true, stream: true }) },
    ]);
    expect(report.handledScheme).toBe('app');
    expect(report.sandbox).toBe(true);
  });

  it('opens one locked-down window on app://console with the bundled preload', () => {
    expect(report.windows).toHaveLength(1);
    const w = report.windows[0];
    expect(w.url).toBe('app://console/index.html');
    expect(w.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(w.options.webPreferences.preload).toBe(path.join(OUT, 'preload.cjs'));
    expect(fs.existsSync(w.options.webPreferences.preload as string)).toBe(true);
  });

  it('seeds the demo bank on first run and answers the API over app://', () => {
    expect(report.responses.status.status).toBe(200);
    expect(JSON.parse(report.responses.status.body)).toMatchObject({ demo: true, needsSetup: false });
    expect(fs.existsSync(path.join(HOME, 'branch-console.db'))).toBe(true);
  });

  it('keeps the card-number key of the demo bank through safeStorage, not in a plain file', () => {
    expect(fs.readFileSync(path.join(HOME, 'card-hash.safekey'), 'utf8')).toMatch(/^FAKE-KEYCHAIN:/);
    expect(fs.existsSync(path.join(HOME, 'card-hash.key'))).toBe(false);
  });

  it('serves the renderer from the app path with the CSP, and refuses traversal', () => {
    expect(report.responses.entry).toEqual({ status: 200, type: 'text/html; charset=utf-8', csp: buildCsp(), body: '<!doctype html><title>probe</title>' });
    expect(report.responses.traversal.status).toBe(403);
    expect(report.responses.traversal.body).not.toContain('branch-console');
  });

  it('guards navigation, new windows, webviews, remote requests and permissions', () => {
    // an app page may open another app page, and the child is sandboxed explicitly
    expect(report.navigation['app://console/index.html#/home']).toEqual({ prevented: false, windowOpen: 'allow', childSandbox: true });
    expect(report.navigation['https://example.com/']).toEqual({ prevented: true, windowOpen: 'deny', childSandbox: null });
    expect(report.navigation['file:///etc/passwd']).toEqual({ prevented: true, windowOpen: 'deny', childSandbox: null });
    expect(report.navigation['https://www.pbc.gov.cn/'].prevented).toBe(true);
    expect(new Set(report.openExternal)).toEqual(new Set(['https://www.pbc.gov.cn/']));
    expect(report.webviewBlocked).toBe(true);
    expect(report.webRequest.cancelsRemote).toBe(true);
    expect(report.webRequest.urls).toEqual(expect.arrayContaining(['http://*/*', 'https://*/*']));
    expect(report.permissions).toEqual({ 'clipboard-sanitized-write': true, media: false, geolocation: false, checkRemote: false });
  });

  it('wires the five bridge channels and a Chinese menu without developer tools when packaged', () => {
    expect(report.ipc.sort()).toEqual(
      ['bc:dialog:open-files', 'bc:dialog:open-folder', 'bc:dialog:save-file', 'bc:print-to-pdf', 'bc:reveal-in-folder'].sort(),
    );
    expect(report.menu).toEqual(['文件', '编辑', '视图', '窗口', '帮助']);
  });
});
