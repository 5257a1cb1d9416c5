// The audit log as both sides read it: the actions it records, their labels, and the filter of
// the audit page (one zod schema: the core parses the request with it, the renderer the URL).
import { z } from 'zod';
import { isDay } from './dates.js';

/** Every action the console records, with its label. A row whose action is not listed (written
 *  by a newer console) is shown by its code. */
export const AUDIT_ACTIONS = {
  login: { zh: '登录', en: 'Sign-in' },
  login_failed: { zh: '登录失败', en: 'Failed sign-in' },
  login_locked: { zh: '登录被锁定', en: 'Sign-in locked' },
  logout: { zh: '退出登录', en: 'Sign-out' },
  setup: { zh: '初始化管理员', en: 'First-run setup' },
  password_change: { zh: '修改密码', en: 'Password changed' },
  user_create: { zh: '新建用户', en: 'User created' },
  user_update: { zh: '修改用户', en: 'User changed' },
  user_disable: { zh: '停用用户', en: 'User disabled' },
  user_enable: { zh: '启用用户', en: 'User enabled' },
  user_reset_password: { zh: '重置密码', en: 'Password reset' },
  customer_search: { zh: '查询客户', en: 'Customer search' },
  customer_view: { zh: '查看客户360', en: 'Customer 360 viewed' },
  customer_quick: { zh: '厅堂速查', en: 'Quick check' },
  customer_reveal: { zh: '查看完整信息', en: 'Personal data revealed' },
  export: { zh: '导出', en: 'Export' },
  import_issues: { zh: '查看导入问题行', en: 'Import issues viewed' },
  audit_export: { zh: '导出审计日志', en: 'Audit log exported' },
  import_upload: { zh: '上传导入文件', en: 'Import upload' },
  import_local: { zh: '选择本地导入文件', en: 'Local import files' },
  import: { zh: '导入', en: 'Import' },
  import_failed: { zh: '导入失败', en: 'Import failed' },
  undo: { zh: '撤销导入', en: 'Import undone' },
  settings: { zh: '修改设置', en: 'Settings changed' },
  profile_save: { zh: '保存映射方案', en: 'Mapping profile saved' },
  profile_delete: { zh: '删除映射方案', en: 'Mapping profile deleted' },
  reconcile_enter: { zh: '录入对账数字', en: 'Official figure entered' },
  reconcile_import: { zh: '导入对账数字', en: 'Official figures imported' },
  reconcile_delete: { zh: '删除对账数字', en: 'Official figure deleted' },
  alert: { zh: '核实预警', en: 'Alert decided' },
  assess_scheme: { zh: '保存考核方案', en: 'Assessment scheme saved' },
  assess_target: { zh: '修改考核目标', en: 'Assessment target changed' },
  assess_adjust: { zh: '考核加减分', en: 'Assessment adjustment' },
  assess_lock: { zh: '锁定考核期', en: 'Assessment period locked' },
  assess_unlock: { zh: '解锁考核期', en: 'Assessment period unlocked' },
  monitor_run: { zh: '运行监测规则', en: 'Monitoring run' },
  map_point: { zh: '查看地图标注', en: 'Map marker viewed' },
  visit_record: { zh: '登记走访', en: 'Visit recorded' },
} as const satisfies Record<string, { zh: string; en: string }>;
export type AuditAction = keyof typeof AUDIT_ACTIONS;

export const AUDIT_SOURCES = ['desktop', 'web', 'cli', 'system'] as const;
export const AUDIT_SOURCE_LABELS: Record<(typeof AUDIT_SOURCES)[number], { zh: string; en: string }> = {
  desktop: { zh: '桌面版', en: 'Desktop' },
  web: { zh: '网页版', en: 'Web' },
  cli: { zh: '命令行', en: 'Command line' },
  system: { zh: '系统', en: 'System' },
};

export function auditActionLabel(action: string, lang: 'zh' | 'en'): string {
  return (AUDIT_ACTIONS as Record<string, { zh: string; en: string }>)[action]?.[lang] ?? action;
}

/** Rows per page of the audit page, and the most one request may ask for. */
export const AUDIT_PAGE_SIZE = 50;
export const AUDIT_MAX_LIMIT = 500;

/** '' (an emptied filter box) means "no filter", not "match the empty string". */
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const text = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max).optional());
const day = z.preprocess(
  blankToUndefined,
  z
    .string()
    // the one rule of a day (shared/dates.ts): written YYYY-MM-DD and on the calendar
    .refine(isDay, '日期须为 YYYY-MM-DD 格式的有效日期 (a date YYYY-MM-DD)')
    .optional(),
);

/**
 * The audit page's filter, as URL query parameters: `user` (exact user name), `action` (exact),
 * `object` (the start of the target: a customer number, `batch:12`, `user:li`), `from`/`to`
 * (days in Asia/Shanghai, both included), `source`; `before` is the keyset cursor (an id).
 */
export const AuditFilterSchema = z
  .object({
    user: text(64),
    action: text(64),
    object: text(200),
    source: z.preprocess(blankToUndefined, z.enum(AUDIT_SOURCES).optional()),
    from: day,
    to: day,
    before: z.preprocess(blankToUndefined, z.coerce.number().int().positive().optional()),
    limit: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(AUDIT_MAX_LIMIT).optional()),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: '开始日期不能晚于结束日期 (from is after to)', path: ['from'] });
export type AuditFilter = z.output<typeof AuditFilterSchema>;

/** One row of the audit log as the API returns it. */
export interface AuditEntry {
  id: number;
  at: string; // ISO 8601, UTC, as stored
  atLocal: string; // the same instant in Asia/Shanghai: 'YYYY-MM-DD HH:mm:ss'
  username: string | null;
  action: string;
  target: string | null;
  detail: string | null; // JSON or text
  source: (typeof AUDIT_SOURCES)[number] | null; // null: written before the console recorded it
  client: string | null;
}

/** GET /api/audit: newest first; `next` is the `before` of the following page (null: no more). */
export interface AuditPage {
  items: AuditEntry[];
  next: number | null;
}
