// The application menu as plain data. main.ts attaches click handlers by id; keeping the
// template here lets a test check it without Electron (labels in Chinese, no developer tools in
// a packaged build).

export type MenuRole =
  | 'undo' | 'redo' | 'cut' | 'copy' | 'paste' | 'selectAll'
  | 'reload' | 'forceReload' | 'toggleDevTools' | 'resetZoom' | 'zoomIn' | 'zoomOut' | 'togglefullscreen'
  | 'quit' | 'minimize' | 'close';

export type MenuCommand = 'print-pdf' | 'open-data-dir' | 'about';

export interface MenuItemSpec {
  label?: string;
  role?: MenuRole;
  type?: 'separator';
  accelerator?: string;
  id?: MenuCommand;
  submenu?: MenuItemSpec[];
}

const sep: MenuItemSpec = { type: 'separator' };

export function buildMenuTemplate(opts: { isPackaged: boolean }): MenuItemSpec[] {
  const view: MenuItemSpec[] = [
    { label: '重新加载', role: 'reload' },
    ...(opts.isPackaged ? [] : [{ label: '开发者工具', role: 'toggleDevTools' } as MenuItemSpec]),
    sep,
    { label: '实际大小', role: 'resetZoom' },
    { label: '放大', role: 'zoomIn' },
    { label: '缩小', role: 'zoomOut' },
    sep,
    { label: '全屏', role: 'togglefullscreen' },
  ];
  return [
    {
      label: '文件',
      submenu: [
        { label: '打印为 PDF…', id: 'print-pdf', accelerator: 'CmdOrCtrl+P' },
        { label: '打开数据文件夹', id: 'open-data-dir' },
        sep,
        { label: '退出', role: 'quit' },
      ],
    },
    {
      label: '编辑',
      submenu: [
        { label: '撤销', role: 'undo' },
        { label: '重做', role: 'redo' },
        sep,
        { label: '剪切', role: 'cut' },
        { label: '复制', role: 'copy' },
        { label: '粘贴', role: 'paste' },
        { label: '全选', role: 'selectAll' },
      ],
    },
    { label: '视图', submenu: view },
    {
      label: '窗口',
      submenu: [
        { label: '最小化', role: 'minimize' },
        { label: '关闭', role: 'close' },
      ],
    },
    { label: '帮助', submenu: [{ label: '关于网点工作台', id: 'about' }] },
  ];
}
