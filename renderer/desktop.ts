// The desktop shell's native bridge (absent in web mode) and the paths it hands over.
import { DESKTOP_BRIDGE_KEY, type DesktopBridge } from '../shared/desktop.js';

export function desktop(): DesktopBridge | null {
  const b = (globalThis as Record<string, unknown>)[DESKTOP_BRIDGE_KEY] as DesktopBridge | undefined;
  return b?.isDesktop ? b : null;
}

/** The server names a file picked by path relative to the picked item's parent folder. */
export function localPathOf(picked: string[], file: string): string | undefined {
  for (const p of picked) {
    const sep = p.includes('\\') ? '\\' : '/';
    const parent = p.slice(0, Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\')));
    const candidate = parent + sep + file.split('/').join(sep);
    if (candidate === p || candidate.startsWith(p + sep)) return candidate;
  }
  return undefined;
}
