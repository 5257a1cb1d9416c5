// The app's own origin inside Electron. A privileged *standard* scheme gives the renderer a real
// origin (so 'self' in the CSP, fetch, and relative URLs all work) without opening a port.
export const APP_SCHEME = 'app';
export const APP_HOST = 'console';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;
