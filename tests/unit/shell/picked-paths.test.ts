// The registry of paths the native open dialog returned (main.ts feeds it from the IPC handlers;
// the API's local import checks it). Real IPC handlers, scripted dialog.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IPC } from '../../../electron/shell/ipc-contract.js';
import { createIpcHandlers, type NativeDeps } from '../../../electron/shell/ipc-handlers.js';
import { PickedPaths } from '../../../electron/shell/picked-paths.js';

function dialogAnswering(answer: string[] | null): NativeDeps {
  return {
    showOpenDialog: async () => (answer ? { canceled: false, filePaths: answer } : { canceled: true, filePaths: [] }),
    showSaveDialog: async () => ({ canceled: false, filePath: '/tmp/saved-elsewhere.csv' }),
    printToPDF: async () => new Uint8Array(),
    showItemInFolder: () => undefined,
  };
}

const abs = (...p: string[]) => path.resolve('/', ...p);

describe('PickedPaths', () => {
  it('grants exactly what the open dialogs returned, in any spelling of the same path', async () => {
    const picked = new PickedPaths();
    await createIpcHandlers(dialogAnswering([abs('data', 'a.csv'), abs('data', 'b.xlsx')]), picked)[IPC.openFiles]({});
    await createIpcHandlers(dialogAnswering([abs('exports', '2024-07')]), picked)[IPC.openFolder]({});
    expect(picked.allows(abs('data', 'a.csv'))).toBe(true);
    expect(picked.allows(abs('data', 'b.xlsx'))).toBe(true);
    expect(picked.allows(abs('exports', '2024-07'))).toBe(true);
    expect(picked.allows(abs('exports', '2024-07') + path.sep)).toBe(true);
    expect(picked.allows(abs('data', 'x', '..', 'a.csv'))).toBe(true);
  });

  it('grants nothing else: not a sibling, a parent, a child of a picked folder, a relative path, or junk', async () => {
    const picked = new PickedPaths();
    await createIpcHandlers(dialogAnswering([abs('exports', '2024-07')]), picked)[IPC.openFolder]({});
    await createIpcHandlers(dialogAnswering([abs('data', 'a.csv')]), picked)[IPC.openFiles]({});
    for (const p of [
      abs('data', 'b.csv'),
      abs('data'),
      abs('exports'),
      abs('exports', '2024-07', 'loan.csv'),
      abs('exports', '2024-07', '..', '..', 'etc', 'passwd'),
      'data/a.csv',
      '',
      `${abs('data', 'a.csv')}\0`,
    ]) {
      expect(picked.allows(p), JSON.stringify(p)).toBe(false);
    }
  });

  it('records nothing for a cancelled dialog, nor for the save dialog', async () => {
    const picked = new PickedPaths();
    const h = createIpcHandlers(dialogAnswering(null), picked);
    expect(await h[IPC.openFiles]({})).toEqual([]);
    expect(await h[IPC.openFolder]({})).toBeNull();
    expect(await createIpcHandlers(dialogAnswering(null), picked)[IPC.saveFile]({ defaultName: 'x.csv' })).toBe('/tmp/saved-elsewhere.csv');
    expect(picked.allows('/tmp/saved-elsewhere.csv')).toBe(false);
  });

  it('forgets the oldest picks past 1000, keeping a re-picked path', () => {
    const picked = new PickedPaths();
    picked.record([abs('keep.csv')]);
    for (let i = 0; i < 999; i++) picked.record([abs(`f${i}.csv`)]);
    picked.record([abs('keep.csv')]); // re-picked: the most recent again
    picked.record([abs('one-more.csv')]); // 1001 distinct paths: the oldest (f0) goes
    expect(picked.allows(abs('f0.csv'))).toBe(false);
    expect(picked.allows(abs('f1.csv'))).toBe(true);
    expect(picked.allows(abs('keep.csv'))).toBe(true);
    expect(picked.allows(abs('one-more.csv'))).toBe(true);
  });
});
