// Desktop import by local path: files picked in the native dialog are previewed and imported
// where they are; a path the dialog did not return in this run is refused, and web mode refuses
// local paths altogether. The dialog is scripted, the IPC handlers and the path registry are the
// ones main.ts wires together.
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { apiIdle } from '../../../electron/core/api/index.js';
import { IPC } from '../../../electron/shell/ipc-contract.js';
import { createIpcHandlers, type NativeDeps } from '../../../electron/shell/ipc-handlers.js';
import { PickedPaths } from '../../../electron/shell/picked-paths.js';
import { tempApi, tempDir } from './helpers.js';

function folder(): string {
  const dir = tempDir();
  fs.mkdirSync(path.join(dir, 'exports'));
  fs.writeFileSync(path.join(dir, 'exports', 'customer.csv'), '客户号,客户名称,所属机构号\nC1,甲,QZ000\n');
  fs.writeFileSync(path.join(dir, 'exports', 'org.csv'), '机构号,机构名称\nQZ000,总行\n');
  return path.join(dir, 'exports');
}

/** The user at the native dialog picks `answer`; what main.ts would record, recorded. */
async function pickInDialog(picked: PickedPaths, channel: typeof IPC.openFiles | typeof IPC.openFolder, answer: string[] | null) {
  const deps: NativeDeps = {
    showOpenDialog: async () => (answer ? { canceled: false, filePaths: answer } : { canceled: true, filePaths: [] }),
    showSaveDialog: async () => ({ canceled: true }),
    printToPDF: async () => new Uint8Array(),
    showItemInFolder: () => undefined,
  };
  return createIpcHandlers(deps, picked)[channel]({});
}

const local = (t: ReturnType<typeof tempApi>, role: 'admin' | 'lobby_manager', paths: string[]) =>
  t.app.request('/api/import/local', {
    method: 'POST',
    headers: { ...t.auth(role), 'content-type': 'application/json' },
    body: JSON.stringify({ paths }),
  });

it('web mode refuses local paths', async () => {
  const t = tempApi();
  const res = await local(t, 'admin', [folder()]);
  expect(res.status).toBe(400);
  expect(((await res.json()) as { code: string }).code).toBe('no_local');
});

it('the desktop app previews a picked folder in dependency order, imports it, and leaves the files in place', async () => {
  const picked = new PickedPaths();
  const t = tempApi({ localFiles: picked });
  const dir = folder();
  expect(await pickInDialog(picked, IPC.openFolder, [dir])).toBe(dir);
  const res = await local(t, 'admin', [dir]);
  expect(res.status).toBe(200);
  const staged = (await res.json()) as { uploadId: string; previews: { file: string; dataset: string; willImport: number; willWarn: number }[] };
  expect(staged.previews.map((p: { file: string; dataset: string; willImport: number; willWarn: number }) => [p.file, p.dataset, p.willImport, p.willWarn])).toEqual([
    ['exports/org.csv', 'org', 1, 0],
    ['exports/customer.csv', 'customer', 1, 0],
  ]);
  const commit = await t.app.request('/api/import/commit', {
    method: 'POST',
    headers: { ...t.auth('admin'), 'content-type': 'application/json' },
    body: JSON.stringify({ uploadId: staged.uploadId }),
  });
  expect(commit.status).toBe(200);
  await apiIdle(t.app);
  await apiIdle(t.app); // the customer views are rebuilt in the queue right after the import
  expect(t.db.prepare('SELECT count(*) FROM customer').pluck().get()).toBe(1);
  expect(t.db.prepare("SELECT name FROM customer_search WHERE cust_id = 'C1'").pluck().get()).toBe('甲');
  expect(fs.readdirSync(dir).sort()).toEqual(['customer.csv', 'org.csv']);
});

it('refuses any path the dialog did not return in this run', async () => {
  const picked = new PickedPaths();
  const t = tempApi({ localFiles: picked });
  const dir = folder();
  const org = path.join(dir, 'org.csv');
  const customer = path.join(dir, 'customer.csv');
  await pickInDialog(picked, IPC.openFiles, [org]);
  await pickInDialog(picked, IPC.openFiles, null); // a cancelled dialog grants nothing

  // never picked: a sibling file, the folder holding the picked file, a file of another app
  for (const paths of [[customer], [dir], [org, customer], [path.join(dir, '..', 'exports', 'customer.csv')]]) {
    const res = await local(t, 'admin', paths);
    expect(res.status, paths.join(',')).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'not_picked' });
  }
  // the picked file itself, even spelt another way, previews on its own (named as picked)
  const ok = await local(t, 'admin', [`${dir}${path.sep}.${path.sep}org.csv`]);
  expect(ok.status).toBe(200);
  expect(((await ok.json()) as { previews: { file: string }[] }).previews.map((p) => p.file)).toEqual(['org.csv']);
});

it('a lobby manager is refused a local import too, even of a picked folder', async () => {
  const picked = new PickedPaths();
  const t = tempApi({ localFiles: picked });
  const dir = folder();
  await pickInDialog(picked, IPC.openFolder, [dir]);
  const res = await local(t, 'lobby_manager', [dir]);
  expect(res.status).toBe(403);
  expect(await res.json()).toMatchObject({ code: 'forbidden' });
});
