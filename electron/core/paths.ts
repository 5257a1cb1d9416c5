import os from 'node:os';
import path from 'node:path';

/**
 * The per-user data folder (database, uploads, exports). BRANCH_CONSOLE_HOME overrides it, which
 * the tests and a portable install use. No 'electron' import here: app.getPath('userData') would
 * give the same folders on Windows and macOS, but the CLI and web mode must find them too.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.BRANCH_CONSOLE_HOME) return path.resolve(env.BRANCH_CONSOLE_HOME);
  const home = os.homedir();
  if (platform === 'win32') {
    return path.win32.join(env.APPDATA || path.win32.join(home, 'AppData', 'Roaming'), 'BranchConsole');
  }
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', 'BranchConsole');
  // XDG says a relative XDG_DATA_HOME is invalid and must be ignored.
  const xdg = env.XDG_DATA_HOME && path.posix.isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : null;
  return path.posix.join(xdg ?? path.posix.join(home, '.local', 'share'), 'branch-console');
}

export function defaultDbPath(dataDir: string): string {
  return path.join(dataDir, 'branch-console.db');
}
