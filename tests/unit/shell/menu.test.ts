import { describe, expect, it } from 'vitest';
import { buildMenuTemplate, type MenuItemSpec } from '../../../electron/shell/menu.js';

function flatten(items: MenuItemSpec[]): MenuItemSpec[] {
  return items.flatMap((i) => [i, ...(i.submenu ? flatten(i.submenu) : [])]);
}

describe('buildMenuTemplate', () => {
  it('labels every item in Chinese', () => {
    const items = flatten(buildMenuTemplate({ isPackaged: true })).filter((i) => i.type !== 'separator');
    expect(items.length).toBeGreaterThan(10);
    for (const i of items) expect(i.label).toMatch(/[\u4e00-\u9fff]/);
    expect(buildMenuTemplate({ isPackaged: true }).map((m) => m.label)).toEqual(['文件', '编辑', '视图', '窗口', '帮助']);
  });

  it('offers developer tools only in development builds', () => {
    const roles = (packaged: boolean) => flatten(buildMenuTemplate({ isPackaged: packaged })).map((i) => i.role);
    expect(roles(true)).not.toContain('toggleDevTools');
    expect(roles(false)).toContain('toggleDevTools');
  });

  it('keeps the edit roles so copy and paste shortcuts work in tables and forms', () => {
    const roles = flatten(buildMenuTemplate({ isPackaged: true })).map((i) => i.role);
    for (const r of ['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']) expect(roles).toContain(r);
  });
});
