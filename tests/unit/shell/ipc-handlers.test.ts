import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IPC } from '../../../electron/shell/ipc-contract.js';
import { createIpcHandlers, type NativeDeps } from '../../../electron/shell/ipc-handlers.js';
import { cleanDefaultName, cleanFilters } from '../../../electron/shell/ipc-validate.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-ipc-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Stands in for the user at Electron's dialogs: records what was asked, answers as scripted. */
function scriptedUser(answers: { open?: string[] | null; save?: string | null }) {
  const asked: { open: unknown[]; save: { defaultPath: string; filters?: unknown }[]; printed: boolean[]; revealed: string[] } = {
    open: [],
    save: [],
    printed: [],
    revealed: [],
  };
  const deps: NativeDeps = {
    showOpenDialog: async (o) => {
      asked.open.push(o);
      return answers.open ? { canceled: false, filePaths: answers.open } : { canceled: true, filePaths: [] };
    },
    showSaveDialog: async (o) => {
      asked.save.push(o);
      return answers.save ? { canceled: false, filePath: answers.save } : { canceled: true };
    },
    printToPDF: async ({ landscape }) => {
      asked.printed.push(landscape);
      return new TextEncoder().encode('%PDF-1.7 fake');
    },
    showItemInFolder: (f) => asked.revealed.push(f),
  };
  return { handlers: createIpcHandlers(deps), asked };
}

describe('IPC handlers', () => {
  it('openFiles returns the chosen paths, [] when cancelled, with cleaned filters', async () => {
    const a = scriptedUser({ open: ['/x/a.csv', '/x/b.xlsx'] });
    const got = await a.handlers[IPC.openFiles]({ filters: [{ name: '数据', extensions: ['csv', 'xlsx', '../x'] }, 'junk'] });
    expect(got).toEqual(['/x/a.csv', '/x/b.xlsx']);
    expect(a.asked.open[0]).toMatchObject({ properties: ['openFile', 'multiSelections'], filters: [{ name: '数据', extensions: ['csv', 'xlsx'] }] });
    expect(await scriptedUser({ open: null }).handlers[IPC.openFiles](undefined)).toEqual([]);
  });

  it('openFolder returns one folder or null', async () => {
    expect(await scriptedUser({ open: ['/data/exports'] }).handlers[IPC.openFolder]({})).toBe('/data/exports');
    expect(await scriptedUser({ open: null }).handlers[IPC.openFolder]({})).toBeNull();
  });

  it('saveFile writes the given bytes where the user chose, after suggesting only a bare name', async () => {
    const target = path.join(dir, 'out.csv');
    const a = scriptedUser({ save: target });
    const got = await a.handlers[IPC.saveFile]({ defaultName: '../../etc/客户清单.csv', data: '客户号,姓名\n1,张三\n' });
    expect(got).toBe(target);
    expect(fs.readFileSync(target, 'utf8')).toBe('客户号,姓名\n1,张三\n');
    expect(a.asked.save[0].defaultPath).toBe('客户清单.csv');
  });

  it('saveFile writes binary data byte for byte, and nothing when cancelled', async () => {
    const target = path.join(dir, 'out.xlsx');
    await scriptedUser({ save: target }).handlers[IPC.saveFile]({ defaultName: 'a.xlsx', data: new Uint8Array([80, 75, 3, 4]) });
    expect(Array.from(fs.readFileSync(target))).toEqual([80, 75, 3, 4]);
    const cancelled = await scriptedUser({ save: null }).handlers[IPC.saveFile]({ defaultName: 'b.xlsx', data: 'x' });
    expect(cancelled).toBeNull();
    expect(fs.readdirSync(dir)).toEqual(['out.xlsx']);
  });

  it('saveFile refuses data of the wrong type before asking the user', async () => {
    const a = scriptedUser({ save: path.join(dir, 'x') });
    await expect(a.handlers[IPC.saveFile]({ defaultName: 'x', data: { evil: true } })).rejects.toThrow();
    expect(a.asked.save).toHaveLength(0);
  });

  it('printToPDF asks for a place first and does not render when cancelled', async () => {
    const cancelled = scriptedUser({ save: null });
    expect(await cancelled.handlers[IPC.printToPDF]({ defaultName: '考核表' })).toBeNull();
    expect(cancelled.asked.printed).toEqual([]);
    expect(cancelled.asked.save[0].defaultPath).toBe('考核表.pdf');

    const target = path.join(dir, 'view.pdf');
    const ok = scriptedUser({ save: target });
    expect(await ok.handlers[IPC.printToPDF]({ landscape: true })).toBe(target);
    expect(ok.asked.printed).toEqual([true]);
    expect(fs.readFileSync(target, 'utf8')).toBe('%PDF-1.7 fake');
  });

  it('revealInFolder shows existing absolute paths only', async () => {
    const file = path.join(dir, 'r.txt');
    fs.writeFileSync(file, '');
    const a = scriptedUser({});
    expect(await a.handlers[IPC.revealInFolder](file)).toBe(true);
    expect(await a.handlers[IPC.revealInFolder](path.join(dir, 'missing.txt'))).toBe(false);
    expect(await a.handlers[IPC.revealInFolder]('relative/r.txt')).toBe(false);
    expect(await a.handlers[IPC.revealInFolder]({ path: file })).toBe(false);
    expect(a.asked.revealed).toEqual([file]);
  });
});

describe('IPC input cleaning', () => {
  it('reduces a default name to a safe bare file name', () => {
    expect(cleanDefaultName('C:\\Windows\\System32\\a.csv', 'f')).toBe('a.csv');
    expect(cleanDefaultName('报表<2024>?.xlsx', 'f')).toBe('报表_2024__.xlsx');
    expect(cleanDefaultName('..', 'f')).toBe('f');
    expect(cleanDefaultName(42, 'f')).toBe('f');
  });

  it('drops malformed filters entirely', () => {
    expect(cleanFilters([{ name: 'x', extensions: ['../'] }])).toBeUndefined();
    expect(cleanFilters('csv')).toBeUndefined();
  });
});
