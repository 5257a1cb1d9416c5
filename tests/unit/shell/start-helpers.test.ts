import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parsePort, pickPort } from '../../../electron/shell/free-port.js';
import { isStale, newestMtime } from '../../../electron/shell/staleness.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-start-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(rel: string, mtimeSec: number): string {
  const f = path.join(dir, rel);
  fs.mkdirSync(path.dirname(f), { recursive: true });
  fs.writeFileSync(f, rel);
  fs.utimesSync(f, mtimeSec, mtimeSec);
  return f;
}

describe('staleness', () => {
  it('finds the newest file in nested folders, skipping node_modules', () => {
    write('src/a.ts', 1000);
    write('src/deep/b.vue', 3000);
    write('src/node_modules/x.js', 9000);
    expect(newestMtime([path.join(dir, 'src')])).toBe(3000 * 1000);
  });

  it('is stale when an output is missing, or older than any source', () => {
    write('src/a.ts', 2000);
    const out = path.join(dir, 'out', 'index.html');
    expect(isStale([out], [path.join(dir, 'src')])).toBe(true);
    write('out/index.html', 3000);
    expect(isStale([out], [path.join(dir, 'src')])).toBe(false);
    write('src/new.ts', 4000);
    expect(isStale([out], [path.join(dir, 'src')])).toBe(true);
  });

  it('compares against the oldest of several outputs', () => {
    write('src/a.ts', 2000);
    const main = write('out/main.cjs', 3000);
    const preload = write('out/preload.cjs', 1000);
    expect(isStale([main, preload], [path.join(dir, 'src')])).toBe(true);
  });

  it('ignores sources that do not exist', () => {
    const out = write('out/index.html', 1000);
    expect(isStale([out], [path.join(dir, 'nope'), path.join(dir, 'vite.config.ts')])).toBe(false);
  });
});

describe('pickPort', () => {
  function listen(port: number): Promise<net.Server> {
    return new Promise((resolve) => {
      const s = net.createServer();
      s.listen(port, '127.0.0.1', () => resolve(s));
    });
  }

  it('keeps a free preferred port, and picks another when it is taken', async () => {
    const blocker = await listen(0);
    const taken = (blocker.address() as net.AddressInfo).port;
    try {
      const r = await pickPort('127.0.0.1', taken);
      expect(r.preferredWasBusy).toBe(true);
      expect(r.port).not.toBe(taken);
      expect(r.port).toBeGreaterThan(0);
      // the port it chose really is free
      const s = await listen(r.port);
      s.close();
    } finally {
      blocker.close();
    }
    const again = await pickPort('127.0.0.1', taken);
    expect(again).toEqual({ port: taken, preferredWasBusy: false });
  });

  it('parses PORT strictly', () => {
    expect(parsePort(undefined, 5180)).toBe(5180);
    expect(parsePort('', 5180)).toBe(5180);
    expect(parsePort('8080', 5180)).toBe(8080);
    expect(parsePort('0', 5180)).toBe(0);
    expect(() => parsePort('80x', 5180)).toThrow();
    expect(() => parsePort('70000', 5180)).toThrow();
  });
});
