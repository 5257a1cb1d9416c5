// Runs sandboxed before the renderer with contextIsolation: exposes only native conveniences
// (dialogs, print, reveal) as window.branchConsole. Data never flows through here; it goes through
// the HTTP API at app://console/api. Must stay free of Node imports: sandboxed preloads get only
// a subset of 'electron'; esbuild inlines the constants below.
import { contextBridge, ipcRenderer } from 'electron';
import { DESKTOP_BRIDGE_KEY, type DesktopBridge } from '../shared/desktop.js';
import { IPC } from './shell/ipc-contract.js';

const bridge: DesktopBridge = {
  isDesktop: true,
  openFiles: (opts) => ipcRenderer.invoke(IPC.openFiles, opts ?? {}) as Promise<string[]>,
  openFolder: (opts) => ipcRenderer.invoke(IPC.openFolder, opts ?? {}) as Promise<string | null>,
  saveFile: (opts) => ipcRenderer.invoke(IPC.saveFile, opts) as Promise<string | null>,
  printToPDF: (opts) => ipcRenderer.invoke(IPC.printToPDF, opts ?? {}) as Promise<string | null>,
  revealInFolder: (file) => ipcRenderer.invoke(IPC.revealInFolder, file) as Promise<boolean>,
};

contextBridge.exposeInMainWorld(DESKTOP_BRIDGE_KEY, bridge);
