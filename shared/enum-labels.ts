// English for the console's built-in Chinese values: the enumerations of the data contract
// (shared/datasets.ts), the 18 items and their groups (shared/crm.ts) and the default
// recommendation reasons. The data and the database keep the Chinese label (it is what the bank's
// files say and what the rules match on); only what is shown changes with the locale.
// A catalog name or reason an administrator has changed is shown as typed: it is theirs, not ours.
import { DEFAULT_ITEMS, type ItemGroup } from './crm.js';

/** Values of enum and yes/no columns, the same English wherever the value appears. */
const ENUM_EN: Record<string, string> = {
  // org levels, staff posts
  总行: 'Head office',
  支行: 'Sub-branch',
  分理处: 'Outlet',
  行长: 'Branch manager',
  客户经理: 'Account manager',
  大堂经理: 'Lobby manager',
  金融助理: 'Financial assistant',
  绩效专员: 'Performance officer',
  柜员: 'Teller',
  // customers
  个人: 'Individual',
  个体工商户: 'Sole proprietor',
  小微企业: 'Small business',
  身份证: 'ID card',
  统一社会信用代码: 'Unified social credit code',
  其他: 'Other',
  男: 'Male',
  女: 'Female',
  是: 'Yes',
  否: 'No',
  // deposits
  活期: 'Demand',
  定期: 'Time',
  大额存单: 'Large CD',
  保证金: 'Margin',
  通知存款: 'Call deposit',
  正常: 'Normal',
  冻结: 'Frozen',
  久悬: 'Dormant',
  销户: 'Closed',
  // loans
  信用: 'Unsecured',
  保证: 'Guaranteed',
  抵押: 'Mortgage',
  质押: 'Pledge',
  关注: 'Special mention',
  次级: 'Substandard',
  可疑: 'Doubtful',
  损失: 'Loss',
  // cards
  借记卡: 'Debit card',
  贷记卡: 'Credit card',
  社保卡: 'Social security card',
  未激活: 'Not activated',
  挂失: 'Reported lost',
  销卡: 'Cancelled',
  // signings
  手机银行: 'Mobile banking',
  网上银行: 'Online banking',
  微信银行绑卡: 'WeChat banking',
  微信支付绑卡: 'WeChat Pay binding',
  支付宝绑卡: 'Alipay binding',
  云闪付绑卡: 'UnionPay QuickPass binding',
  短信提醒: 'SMS alerts',
  水费代扣: 'Water bill debit',
  电费代扣: 'Power bill debit',
  燃气费代扣: 'Gas bill debit',
  社保代缴: 'Social insurance payment',
  医保代缴: 'Medical insurance payment',
  代发工资: 'Payroll',
  代发养老金: 'Pension payment',
  代理保险: 'Insurance agency',
  理财: 'Wealth management',
  ETC: 'ETC',
  授信签约: 'Credit line',
  有效: 'Active',
  已解约: 'Cancelled',
  // merchants, transactions
  暂停: 'Suspended',
  注销: 'Closed',
  银行卡: 'Bank card',
  扫码: 'QR code',
  消费: 'Purchase',
  撤销: 'Void',
  退货: 'Refund',
  // grids
  行政村: 'Village',
  社区: 'Community',
  市场: 'Market',
  园区: 'Industrial park',
  商圈: 'Shopping area',
  // visits
  上门: 'Home visit',
  电话: 'Phone',
  微信: 'WeChat',
  厅堂: 'At the counter',
  有意向: 'Interested',
  已办理: 'Signed up',
  无需求: 'No need',
  未遇: 'Not met',
  // targets
  机构: 'Org',
  员工: 'Staff',
};

/** The same word means something else in a few columns. */
const FIELD_EN: Record<string, Record<string, string>> = {
  class5: { 正常: 'Pass' },
};

/**
 * The label of an enum value in the locale. Unknown values (a newer export, a typo the importer
 * kept as a warning) are shown as they are rather than guessed.
 */
export function enumLabel(value: string | null | undefined, locale: string, field?: string): string {
  if (value === null || value === undefined || value === '') return '—';
  if (locale.startsWith('zh')) return value;
  return (field ? FIELD_EN[field]?.[value] : undefined) ?? ENUM_EN[value] ?? value;
}

/** `;`-separated enum values (a visit's 推荐产品 names items or signing types). */
export function listLabel(value: string | null | undefined, locale: string): string {
  if (!value) return '—';
  if (locale.startsWith('zh')) return value;
  return value
    .split(/[;；]/)
    .map((v) => v.trim())
    .filter(Boolean)
    .map((v) => ITEM_EN_BY_NAME.get(v) ?? ENUM_EN[v] ?? v)
    .join('; ');
}

const GROUP_EN: Record<ItemGroup, string> = { 存: 'Deposit', 贷: 'Loan', 卡: 'Card', 付: 'Pay', 代: 'Agency' };

export function groupLabel(group: ItemGroup | string, locale: string): string {
  if (locale.startsWith('zh')) return group;
  return GROUP_EN[group as ItemGroup] ?? group;
}

/** English names of the 18 default items (DATA.md), by item id. Short: they sit in 128px cells. */
export const ITEM_EN: Record<number, string> = {
  1: 'Demand deposit',
  2: 'Time deposit/CD',
  3: 'Wealth mgmt.',
  4: 'Credit line',
  5: 'Loan drawn',
  6: 'Online credit loan',
  7: 'Debit card',
  8: 'Social sec. card',
  9: 'Credit card',
  10: 'Mobile banking',
  11: 'WeChat banking',
  12: 'WeChat Pay',
  13: 'Alipay/UnionPay',
  14: 'POS merchant',
  15: 'Payroll/pension',
  16: 'Water bill debit',
  17: 'Power bill debit',
  18: 'Social/medical ins.',
};

const DEFAULT_NAME = new Map(DEFAULT_ITEMS.map((i) => [i.id, i.name]));
const ITEM_EN_BY_NAME = new Map(DEFAULT_ITEMS.map((i) => [i.name, ITEM_EN[i.id]]));

/**
 * An item's name in the locale: the English default while the catalog keeps the default Chinese
 * name for that id; a renamed item keeps the name the administrator typed.
 */
export function itemLabel(item: { id: number; name: string }, locale: string): string {
  if (locale.startsWith('zh')) return item.name;
  return DEFAULT_NAME.get(item.id) === item.name ? (ITEM_EN[item.id] ?? item.name) : item.name;
}

/** English of the default recommendation reasons (electron/core/crm/catalog-rules.ts), by their text. */
const REASON_EN: Record<string, string> = {
  已代发工资但未开通手机银行: 'Payroll customer without mobile banking',
  收单商户法人但无经营贷: 'Merchant owner without a business loan',
  '星级客户（3星及以上）未购理财': '3★ or higher, no wealth products',
  '有活期无定期 资产较高': 'Demand but no time deposit, high assets',
  '代发养老金/社保客户 无社保卡': 'Pension or social insurance customer without a social security card',
  个体工商户未开通收单: 'Sole proprietor without acquiring',
  有贷款未开通贷记卡: 'Borrower without a credit card',
  有借记卡未开通手机银行: 'Debit card holder without mobile banking',
  已开手机银行未绑微信支付: 'Mobile banking but no WeChat Pay binding',
  有电费代扣无水费代扣: 'Power bill debit but no water bill debit',
  有水费代扣无电费代扣: 'Water bill debit but no power bill debit',
};

export function reasonLabel(reason: string, locale: string): string {
  if (locale.startsWith('zh')) return reason;
  return REASON_EN[reason] ?? reason;
}

/** For tests: the Chinese texts this module gives English for. */
export const TRANSLATED = { enums: Object.keys(ENUM_EN), reasons: Object.keys(REASON_EN), groups: Object.keys(GROUP_EN) };
