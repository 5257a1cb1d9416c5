// Everything arriving over IPC comes from the renderer and is treated as untrusted input: a
// compromised page must not be able to pick where files are written without the user seeing a
// dialog, write unbounded data, or smuggle paths through a "default name".
import path from 'node:path';
import type { FileFilter } from '../../shared/desktop.js';

/** 512 MiB: more than any export the console produces, less than what would exhaust memory. */
export const MAX_SAVE_BYTES = 512 * 1024 * 1024;

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function cleanTitle(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v.slice(0, 200) : undefined;
}

export function cleanFilters(v: unknown): FileFilter[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const out: FileFilter[] = [];
  for (const f of v.slice(0, 20)) {
    if (!isRecord(f) || typeof f.name !== 'string' || !Array.isArray(f.extensions)) continue;
    const extensions = f.extensions.filter((e): e is string => typeof e === 'string' && /^(\*|[A-Za-z0-9]{1,10})$/.test(e));
    if (extensions.length) out.push({ name: f.name.slice(0, 100), extensions });
  }
  return out.length ? out : undefined;
}

/**
 * A suggested file name only: the folder always comes from the save dialog. Strips any directory
 * part and characters Windows forbids in names.
 */
export function cleanDefaultName(v: unknown, fallback: string): string {
  if (typeof v !== 'string') return fallback;
  const base = path.win32.basename(path.posix.basename(v)).replace(/[<>:"|?*\u0000-\u001f]/g, '_').trim();
  return base === '' || base === '.' || base === '..' ? fallback : base.slice(0, 200);
}

export function cleanSaveData(v: unknown): string | Uint8Array | undefined | Error {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') {
    return Buffer.byteLength(v) > MAX_SAVE_BYTES ? new Error('data too large') : v;
  }
  if (v instanceof Uint8Array) return v.byteLength > MAX_SAVE_BYTES ? new Error('data too large') : v;
  return new Error('data must be a string or Uint8Array');
}

/** revealInFolder accepts absolute paths only; existence is checked by the caller. */
export function cleanRevealPath(v: unknown): string | null {
  if (typeof v !== 'string' || v.length === 0 || v.length > 4096 || v.includes('\0')) return null;
  return path.isAbsolute(v) ? path.normalize(v) : null;
}
