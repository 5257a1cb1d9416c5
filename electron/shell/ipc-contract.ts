// IPC channel names shared by main.ts (ipcMain.handle) and preload.ts (ipcRenderer.invoke).
// Pure constants: the sandboxed preload bundle may not pull in Node modules.
export const IPC = {
  openFiles: 'bc:dialog:open-files',
  openFolder: 'bc:dialog:open-folder',
  saveFile: 'bc:dialog:save-file',
  printToPDF: 'bc:print-to-pdf',
  revealInFolder: 'bc:reveal-in-folder',
} as const;
