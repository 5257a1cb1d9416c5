// The preload bridge's handlers, written against the few native calls they need so they can be
// tested with real files and a scripted dialog; main.ts supplies Electron's dialog and shell.
import fs from 'node:fs/promises';
import type { FileFilter } from '../../shared/desktop.js';
import { IPC } from './ipc-contract.js';
import { cleanDefaultName, cleanFilters, cleanRevealPath, cleanSaveData, cleanTitle, isRecord } from './ipc-validate.js';

export interface NativeDeps {
  showOpenDialog(opts: {
    title?: string;
    properties: ('openFile' | 'openDirectory' | 'multiSelections' | 'createDirectory')[];
    filters?: FileFilter[];
  }): Promise<{ canceled: boolean; filePaths: string[] }>;
  showSaveDialog(opts: { title?: string; defaultPath: string; filters?: FileFilter[] }): Promise<{ canceled: boolean; filePath?: string }>;
  /** prints the window that sent the request */
  printToPDF(opts: { landscape: boolean }): Promise<Uint8Array>;
  showItemInFolder(file: string): void;
}

export type IpcHandler = (arg: unknown) => Promise<unknown>;

/** Where the open dialogs report what they returned (the API imports only those paths). */
export interface PickRecorder {
  record(paths: readonly string[]): void;
}

const asRecord = (v: unknown): Record<string, unknown> => (isRecord(v) ? v : {});

export function createIpcHandlers(deps: NativeDeps, picked?: PickRecorder): Record<(typeof IPC)[keyof typeof IPC], IpcHandler> {
  return {
    [IPC.openFiles]: async (arg) => {
      const o = asRecord(arg);
      const r = await deps.showOpenDialog({
        title: cleanTitle(o.title) ?? '选择要导入的文件',
        properties: ['openFile', 'multiSelections'],
        filters: cleanFilters(o.filters),
      });
      if (r.canceled) return [];
      picked?.record(r.filePaths);
      return r.filePaths;
    },
    [IPC.openFolder]: async (arg) => {
      const o = asRecord(arg);
      const r = await deps.showOpenDialog({ title: cleanTitle(o.title) ?? '选择文件夹', properties: ['openDirectory'] });
      if (r.canceled || r.filePaths.length === 0) return null;
      picked?.record([r.filePaths[0]]);
      return r.filePaths[0];
    },
    [IPC.saveFile]: async (arg) => {
      const o = asRecord(arg);
      const data = cleanSaveData(o.data);
      if (data instanceof Error) throw data;
      const r = await deps.showSaveDialog({
        title: '保存文件',
        defaultPath: cleanDefaultName(o.defaultName, '导出文件'),
        filters: cleanFilters(o.filters),
      });
      if (r.canceled || !r.filePath) return null;
      if (data !== undefined) await fs.writeFile(r.filePath, data);
      return r.filePath;
    },
    [IPC.printToPDF]: async (arg) => {
      const o = asRecord(arg);
      const name = cleanDefaultName(o.defaultName, `网点工作台-${new Date().toISOString().slice(0, 10)}.pdf`);
      // ask first: a cancelled dialog should not cost a render
      const r = await deps.showSaveDialog({
        title: '打印为 PDF',
        defaultPath: name.toLowerCase().endsWith('.pdf') ? name : `${name}.pdf`,
        filters: [{ name: 'PDF', extensions: ['pdf'] }],
      });
      if (r.canceled || !r.filePath) return null;
      const pdf = await deps.printToPDF({ landscape: o.landscape === true });
      await fs.writeFile(r.filePath, pdf);
      return r.filePath;
    },
    [IPC.revealInFolder]: async (arg) => {
      const file = cleanRevealPath(arg);
      if (!file) return false;
      try {
        await fs.stat(file);
      } catch {
        return false;
      }
      deps.showItemInFolder(file);
      return true;
    },
  };
}
