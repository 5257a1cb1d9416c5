// Options for the console's one window. Kept apart from main.ts so the security flags are asserted
// by a unit test without launching Electron; main.ts passes the object straight to BrowserWindow.

export interface SecureWebPreferences {
  preload: string;
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  webviewTag: false;
  experimentalFeatures: false;
  navigateOnDragDrop: false;
  safeDialogs: true;
  spellcheck: false;
}

export interface WindowOptions {
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
  title: string;
  show: boolean;
  backgroundColor: string;
  autoHideMenuBar: boolean;
  icon?: string;
  webPreferences: SecureWebPreferences;
}

export const WINDOW_TITLE = '网点工作台';

/**
 * 1366×768 is the common branch-office screen; below 1280×720 the sidebar and tables no longer
 * fit, so the window refuses to shrink further.
 */
export function buildWindowOptions(opts: { preloadPath: string; iconPath?: string }): WindowOptions {
  if (!opts.preloadPath) throw new Error('preloadPath is required');
  return {
    width: 1366,
    height: 768,
    minWidth: 1280,
    minHeight: 720,
    title: WINDOW_TITLE,
    // shown on 'ready-to-show' so the user never sees a white flash
    show: false,
    backgroundColor: '#f5f7fa',
    autoHideMenuBar: false,
    ...(opts.iconPath ? { icon: opts.iconPath } : {}),
    webPreferences: {
      preload: opts.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
    },
  };
}
