// What the Electron preload exposes to the renderer as `window.branchConsole` (absent in web
// mode: check `window.branchConsole?.isDesktop`). Only native things live here; all data goes
// through the HTTP API, the same in both modes.

export const DESKTOP_BRIDGE_KEY = 'branchConsole';

export interface FileFilter {
  name: string; // e.g. '数据文件'
  extensions: string[]; // without dots: ['csv', 'xlsx']
}

export interface DesktopBridge {
  readonly isDesktop: true;
  /** absolute paths chosen, [] when cancelled */
  openFiles(opts?: { title?: string; filters?: FileFilter[] }): Promise<string[]>;
  /** absolute folder path, null when cancelled */
  openFolder(opts?: { title?: string }): Promise<string | null>;
  /** asks where to save; writes `data` there when given. Returns the path, null when cancelled. */
  saveFile(opts: { defaultName: string; filters?: FileFilter[]; data?: string | Uint8Array }): Promise<string | null>;
  /** prints the current view to a PDF the user places; returns its path, null when cancelled */
  printToPDF(opts?: { defaultName?: string; landscape?: boolean }): Promise<string | null>;
  /** shows the file in the system file manager; false when it does not exist */
  revealInFolder(path: string): Promise<boolean>;
}
