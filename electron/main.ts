// Electron main process: lifecycle, the one window, the menu, and the app:// protocol that serves
// both the built renderer and the core API without opening a port. With preload.ts, the only
// file that imports 'electron'; the decisions it applies live in ./shell and are unit-tested.
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, session, shell } from 'electron';
import type { IpcMainInvokeEvent, MenuItemConstructorOptions, Session, WebContents } from 'electron';
import path from 'node:path';
import { createApi } from './core/api/index.js';
import type { Db } from './core/db/connection.js';
import { openDb } from './core/db/connection.js';
import { ensureDemoDatabase } from './core/first-run.js';
import { setCardKeyStore } from './core/import/card-key.js';
import { defaultDataDir } from './core/paths.js';
import { buildCsp } from './shell/csp.js';
import { IPC } from './shell/ipc-contract.js';
import { createIpcHandlers, type IpcHandler } from './shell/ipc-handlers.js';
import { PickedPaths } from './shell/picked-paths.js';
import { vetExternalUrl } from './shell/external-url.js';
import { buildMenuTemplate, type MenuCommand, type MenuItemSpec } from './shell/menu.js';
import { decideWindowOpen, isAllowedNavigation, isAppUrl } from './shell/navigation.js';
import { APP_ENTRY_URL, APP_ORIGIN, APP_SCHEME } from './shell/origin.js';
import { isPermissionAllowed } from './shell/permissions.js';
import { routeAppRequest } from './shell/protocol-router.js';
import { safeStorageKeyStore } from './shell/safe-key-store.js';
import { buildWindowOptions, WINDOW_TITLE } from './shell/window-options.js';

// Must run before 'ready'. standard+secure give app://console a real, secure origin (so 'self',
// fetch, cookies and relative URLs behave as on https); stream lets large exports stream.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true } },
]);
app.enableSandbox();

let mainWindow: BrowserWindow | null = null;
let db: Db | null = null;
/** what the open dialogs returned this run: the only paths the API's local import may read */
const picked = new PickedPaths();

function openExternalIfVetted(url: string): void {
  const vetted = vetExternalUrl(url);
  if (vetted) void shell.openExternal(vetted);
}

/** Every webContents (the window, and any a bug might create) gets the same guards. */
function guardWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    if (isAllowedNavigation(event.url)) return;
    event.preventDefault();
    openExternalIfVetted(event.url);
  });
  contents.on('will-redirect', (event) => {
    if (!isAllowedNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const decision = decideWindowOpen(url, (u) => vetExternalUrl(u));
    if (decision.action === 'allow') {
      // not inherited from the opener: the child gets the same sandboxed options explicitly
      const { webPreferences, minWidth, minHeight, title } = buildWindowOptions({ preloadPath: preloadPath() });
      return { action: 'allow', overrideBrowserWindowOptions: { webPreferences, minWidth, minHeight, title } };
    }
    if (decision.openExternal) void shell.openExternal(decision.openExternal);
    return { action: 'deny' };
  });
}

/** No remote content and no device permissions: the console is offline and needs none. */
function lockDownSession(ses: Session): void {
  ses.setPermissionRequestHandler((_wc, permission, callback, details) =>
    callback(isPermissionAllowed(permission, details.requestingUrl)),
  );
  ses.setPermissionCheckHandler((_wc, permission, requestingOrigin) => isPermissionAllowed(permission, requestingOrigin));
  ses.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'ftp://*/*'] }, (_details, callback) =>
    callback({ cancel: true }),
  );
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow(
    buildWindowOptions({ preloadPath: preloadPath(), iconPath: iconPath() }),
  );
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  void win.loadURL(APP_ENTRY_URL);
  return win;
}

/** main.cjs and preload.cjs are bundled side by side into dist-electron/. */
function preloadPath(): string {
  return path.join(__dirname, 'preload.cjs');
}

function iconPath(): string | undefined {
  return process.platform === 'win32' ? undefined : path.join(app.getAppPath(), 'build', 'icon.png');
}

/** The bridge's handlers, bound to the window that asked: dialogs are modal to it, PDFs print it. */
function handlersFor(contents: WebContents): Record<string, IpcHandler> {
  const win = BrowserWindow.fromWebContents(contents);
  return createIpcHandlers({
    showOpenDialog: (opts) => (win ? dialog.showOpenDialog(win, opts) : dialog.showOpenDialog(opts)),
    showSaveDialog: (opts) => (win ? dialog.showSaveDialog(win, opts) : dialog.showSaveDialog(opts)),
    printToPDF: ({ landscape }) => contents.printToPDF({ printBackground: true, pageSize: 'A4', landscape }),
    showItemInFolder: (file) => shell.showItemInFolder(file),
  }, picked);
}

/** Only the app's own page in our own window may call the bridge. */
function trustedSender(event: IpcMainInvokeEvent): boolean {
  const frameUrl = event.senderFrame?.url ?? '';
  return mainWindow !== null && event.sender === mainWindow.webContents && isAppUrl(frameUrl);
}

function registerIpc(): void {
  for (const channel of Object.values(IPC)) {
    ipcMain.handle(channel, (event, arg: unknown) => {
      if (!trustedSender(event)) throw new Error('refused: untrusted sender');
      return handlersFor(event.sender)[channel](arg);
    });
  }
}

async function printCurrentView(): Promise<void> {
  if (!mainWindow) return;
  const file = await handlersFor(mainWindow.webContents)[IPC.printToPDF]({});
  if (typeof file === 'string') shell.showItemInFolder(file);
}

function toElectronMenu(items: MenuItemSpec[], commands: Record<MenuCommand, () => void>): MenuItemConstructorOptions[] {
  return items.map((item) => ({
    label: item.label,
    role: item.role,
    type: item.type,
    accelerator: item.accelerator,
    click: item.id ? commands[item.id] : undefined,
    submenu: item.submenu ? toElectronMenu(item.submenu, commands) : undefined,
  }));
}

function installMenu(dataDir: string): void {
  const commands: Record<MenuCommand, () => void> = {
    'print-pdf': () => void printCurrentView().catch((err: unknown) => dialog.showErrorBox('打印失败', String(err))),
    'open-data-dir': () => void shell.openPath(dataDir),
    about: () =>
      void dialog.showMessageBox({
        type: 'info',
        title: '关于网点工作台',
        message: `${WINDOW_TITLE} ${app.getVersion()}`,
        detail: `数据文件夹：${dataDir}\nElectron ${process.versions.electron} · Node ${process.versions.node}`,
      }),
  };
  Menu.setApplicationMenu(Menu.buildFromTemplate(toElectronMenu(buildMenuTemplate({ isPackaged: app.isPackaged }), commands)));
}

async function start(): Promise<void> {
  await app.whenReady();
  const dataDir = defaultDataDir();
  // the card-number key in the OS keychain, before anything opens the database (safeStorage
  // works only once the app is ready)
  setCardKeyStore((dir) => safeStorageKeyStore(dir, safeStorage, (why) => console.warn(`[card key] ${why}`)));
  try {
    const { dbPath } = await ensureDemoDatabase(dataDir);
    db = openDb(dbPath);
  } catch (err) {
    dialog.showErrorBox('网点工作台无法启动', err instanceof Error ? err.message : String(err));
    app.exit(1);
    return;
  }
  const api = createApi({ db, dataDir, localFiles: picked, trustedOrigins: [APP_ORIGIN], materialiseOnStart: true });
  const staticDir = path.join(app.getAppPath(), 'dist', 'renderer');
  const csp = buildCsp();
  protocol.handle(APP_SCHEME, (request) => routeAppRequest(request, { api, staticDir, csp }));

  lockDownSession(session.defaultSession);
  registerIpc();
  installMenu(dataDir);
  mainWindow = createWindow();
}

if (!app.requestSingleInstanceLock()) {
  // A second copy would open the same SQLite file; hand over to the first and leave.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    db?.close();
    db = null;
  });
  start().catch((err: unknown) => {
    dialog.showErrorBox('网点工作台无法启动', err instanceof Error ? (err.stack ?? err.message) : String(err));
    app.exit(1);
  });
}
