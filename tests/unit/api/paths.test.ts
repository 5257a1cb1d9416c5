import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir, defaultDbPath } from '../../../electron/core/paths.js';

describe('defaultDataDir', () => {
  const home = os.homedir();
  it('prefers BRANCH_CONSOLE_HOME on every platform', () => {
    expect(defaultDataDir({ BRANCH_CONSOLE_HOME: '/srv/bc' }, 'win32')).toBe(path.resolve('/srv/bc'));
    expect(defaultDataDir({ BRANCH_CONSOLE_HOME: '/srv/bc', XDG_DATA_HOME: '/x' }, 'linux')).toBe(path.resolve('/srv/bc'));
  });
  it('uses %APPDATA% on Windows', () => {
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\li\\AppData\\Roaming' }, 'win32')).toBe('C:\\Users\\li\\AppData\\Roaming\\BranchConsole');
  });
  it('uses Application Support on macOS', () => {
    expect(defaultDataDir({}, 'darwin')).toBe(`${home}/Library/Application Support/BranchConsole`);
  });
  it('uses XDG_DATA_HOME on Linux when absolute, else ~/.local/share', () => {
    expect(defaultDataDir({ XDG_DATA_HOME: '/data/xdg' }, 'linux')).toBe('/data/xdg/branch-console');
    expect(defaultDataDir({ XDG_DATA_HOME: 'relative/dir' }, 'linux')).toBe(`${home}/.local/share/branch-console`);
    expect(defaultDataDir({}, 'linux')).toBe(`${home}/.local/share/branch-console`);
  });
  it('names the database file inside the data folder', () => {
    expect(defaultDbPath('/d')).toBe(path.join('/d', 'branch-console.db'));
  });
});
