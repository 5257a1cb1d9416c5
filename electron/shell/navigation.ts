// Which URLs the window may navigate to or open: only the app's own origin. Anything else is
// either refused outright or, if it is a vetted external link, handed to the system browser.
import { APP_HOST, APP_SCHEME } from './origin.js';

export function isAppUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  // Chromium lowercases the host of a standard scheme; Node's URL does not for unknown schemes.
  // username/password would let "app://console@evil" style tricks through a naive prefix check
  return url.protocol === `${APP_SCHEME}:` && url.hostname.toLowerCase() === APP_HOST && !url.port && !url.username && !url.password;
}

/** will-navigate / will-redirect guard: true only for the app's own pages. */
export function isAllowedNavigation(raw: string): boolean {
  return isAppUrl(raw);
}

export type WindowOpenDecision = { action: 'allow' } | { action: 'deny'; openExternal?: string };

/**
 * setWindowOpenHandler policy: a page of the app may open another page of the app (a printable
 * view, say; main.ts gives it the same locked-down options); a vetted https link goes to the
 * system browser; anything else is refused.
 */
export function decideWindowOpen(raw: string, vet: (url: string) => string | null): WindowOpenDecision {
  if (isAppUrl(raw)) return { action: 'allow' };
  const external = vet(raw);
  return external ? { action: 'deny', openExternal: external } : { action: 'deny' };
}
