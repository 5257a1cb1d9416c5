// `npm start` end to end in web mode: the real bin/start.js, the lead's first run (demo bank),
// the real server; only the renderer build is skipped (--no-build) to keep the test short.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { findElectronBinary } from '../../../electron/shell/detect-electron.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const HOME = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-start-web-'));
afterAll(() => fs.rmSync(HOME, { recursive: true, force: true }));

interface Started {
  child: ChildProcessWithoutNullStreams;
  url: string;
  lines: string[];
}

/** Starts bin/start.js and resolves once it prints its URL (or rejects when it exits first). */
function start(args: string[], env: Record<string, string>): Promise<Started> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'start.js'), ...args], {
    cwd: ROOT,
    env: { ...process.env, BRANCH_CONSOLE_HOME: HOME, ...env },
  });
  const lines: string[] = [];
  return new Promise((resolve, reject) => {
    let buf = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buf += chunk;
      let i: number;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        lines.push(line);
        const m = /Branch Console: (http:\/\/\S+)/.exec(line);
        if (m) resolve({ child, url: m[1].replace(/\/$/, ''), lines });
      }
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => reject(new Error(`start.js exited (${code}) before serving:\n${lines.join('\n')}\n${stderr}`)));
  });
}

function stop(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.on('exit', (code) => resolve(code));
    child.kill('SIGINT');
  });
}

describe('bin/start.js in web mode', () => {
  const noElectron = !findElectronBinary(ROOT).found;

  it('serves the API on 127.0.0.1 after the first run, says why it is in web mode, and stops cleanly on Ctrl+C', async () => {
    // without an Electron binary (as on these machines) the plain start must choose web mode itself
    const s = await start(noElectron ? ['--no-build'] : ['--web', '--no-build'], { PORT: '0' });
    try {
      expect(new URL(s.url).hostname).toBe('127.0.0.1');
      const notice = s.lines.filter((l) => /网页模式|web mode/.test(l));
      expect(notice).toHaveLength(1);
      if (noElectron) expect(notice[0]).toMatch(/^未找到 Electron 运行时（无法下载），改用网页模式 \/ No Electron runtime here: serving web mode/);
      const res = await fetch(`${s.url}/api/auth/status`);
      expect(res.status).toBe(200);
      const status = (await res.json()) as { demo: boolean; needsSetup: boolean };
      expect(status).toMatchObject({ demo: true, needsSetup: false });
    } finally {
      expect(await stop(s.child)).toBe(0);
    }
    expect(fs.existsSync(path.join(HOME, 'branch-console.db'))).toBe(true);
  });

  it('moves to a free port when PORT is taken', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const taken = (blocker.address() as net.AddressInfo).port;
    try {
      const s = await start(['--web', '--no-build'], { PORT: String(taken) });
      try {
        expect(s.lines.some((l) => l.includes(`端口 ${taken} 已被占用`))).toBe(true);
        expect(Number(new URL(s.url).port)).not.toBe(taken);
        expect((await fetch(`${s.url}/api/auth/status`)).status).toBe(200);
      } finally {
        expect(await stop(s.child)).toBe(0);
      }
    } finally {
      blocker.close();
    }
  });
});

describe.skipIf(process.platform === 'win32')('bin/start.js with an Electron binary', () => {
  it('launches the binary on the project folder, without ELECTRON_RUN_AS_NODE, and passes its exit status on', () => {
    // electron's own launcher honours ELECTRON_OVERRIDE_DIST_PATH, and so does the detector
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-fake-electron-'));
    try {
      const bin = path.join(dist, 'electron');
      fs.writeFileSync(bin, '#!/bin/sh\necho "launched:$*:run-as-node=${ELECTRON_RUN_AS_NODE:-unset}"\nexit 7\n');
      fs.chmodSync(bin, 0o755);
      const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'start.js'), '--no-build'], {
        cwd: ROOT,
        env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: dist, ELECTRON_RUN_AS_NODE: '1', BRANCH_CONSOLE_HOME: HOME },
        encoding: 'utf8',
      });
      expect(r.stdout).toContain(`launched:${ROOT}:run-as-node=unset`);
      expect(r.stdout).not.toMatch(/网页模式|web mode/);
      expect(r.status).toBe(7);
    } finally {
      fs.rmSync(dist, { recursive: true, force: true });
    }
  });
});
