// Chromium permission requests (camera, geolocation, notifications, ...): the console needs none
// of them except writing to the clipboard (copy buttons) and full screen (charts, the map), and
// only for its own pages.
import { isAppUrl } from './navigation.js';

const ALLOWED = new Set(['clipboard-sanitized-write', 'fullscreen']);

export function isPermissionAllowed(permission: string, requestingUrl: string | undefined): boolean {
  return ALLOWED.has(permission) && typeof requestingUrl === 'string' && isAppUrl(requestingUrl);
}
