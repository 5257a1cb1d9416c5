// Web-mode static serving stays inside the renderer folder even through links: a symlink inside
// dist/renderer to a file or folder elsewhere is refused; links that stay inside still work.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openDb, type Db } from '../../../electron/core/db/connection.js';
import { startServer, type RunningServer } from '../../../electron/server.js';
import { tempDir } from './helpers.js';

const open: { server: RunningServer; db: Db }[] = [];
afterEach(async () => {
  for (const { server, db } of open.splice(0)) {
    await server.close();
    db.close();
  }
});

/** A renderer folder with real files, links inside it, and links leading out of it. */
function rendererWithLinks() {
  const dir = tempDir('bc-static-');
  const outside = path.join(dir, 'outside');
  fs.mkdirSync(path.join(outside, 'private'), { recursive: true });
  fs.writeFileSync(path.join(outside, 'secret.txt'), 'SECRET-KEY-FILE');
  fs.writeFileSync(path.join(outside, 'private', 'notes.txt'), 'PRIVATE-NOTES');
  const real = path.join(dir, 'renderer-real');
  fs.mkdirSync(path.join(real, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(real, 'index.html'), '<!doctype html><title>网点工作台</title>');
  fs.writeFileSync(path.join(real, 'assets', 'app.js'), 'console.log(1)');
  fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(real, 'assets', 'leak.txt'));
  fs.symlinkSync(path.join(outside, 'private'), path.join(real, 'assets', 'private'), 'dir');
  fs.symlinkSync('../../outside/secret.txt', path.join(real, 'assets', 'relative-leak.txt'));
  fs.symlinkSync(path.join(real, 'assets', 'app.js'), path.join(real, 'assets', 'alias.js'));
  // the served folder itself reached through a link (a deployment might symlink dist/renderer)
  const served = path.join(dir, 'renderer');
  fs.symlinkSync(real, served, 'dir');
  return { dir, served, real };
}

async function serve(staticDir: string, dir: string) {
  const db = openDb(path.join(dir, 'branch-console.db'));
  const server = await startServer({ db, dataDir: dir, port: 0, staticDir });
  open.push({ server, db });
  return server.url;
}

it('refuses files and folders that a link inside the renderer folder leads out to', async () => {
  const { dir, served } = rendererWithLinks();
  const url = await serve(served, dir);
  for (const p of ['/assets/leak.txt', '/assets/relative-leak.txt', '/assets/private/notes.txt']) {
    const res = await fetch(url + p);
    const body = await res.text();
    expect(res.status, p).toBe(403);
    expect(body, p).not.toMatch(/SECRET|PRIVATE/);
  }
  // links that stay inside the folder, and the folder reached through a link, still serve
  for (const [p, text] of [['/assets/app.js', 'console.log(1)'], ['/assets/alias.js', 'console.log(1)'], ['/', '网点工作台'], ['/customers/list', '网点工作台']]) {
    const res = await fetch(url + p);
    expect(res.status, p).toBe(200);
    expect(await res.text(), p).toContain(text);
  }
});

it('does not serve an index.html that is a link out of the folder, not even for client routes', async () => {
  const { dir, real } = rendererWithLinks();
  const elsewhere = path.join(dir, 'outside', 'index.html');
  fs.writeFileSync(elsewhere, '<!doctype html><title>SECRET page</title>');
  const renderer = path.join(dir, 'renderer-linked-index');
  fs.mkdirSync(renderer);
  fs.symlinkSync(elsewhere, path.join(renderer, 'index.html'));
  fs.cpSync(path.join(real, 'assets'), path.join(renderer, 'assets'), { recursive: true, verbatimSymlinks: true });
  const url = await serve(renderer, dir);
  for (const p of ['/', '/index.html', '/customers/list']) {
    const res = await fetch(url + p);
    expect(res.status, p).toBe(403);
    expect(await res.text(), p).not.toContain('SECRET');
  }
});
