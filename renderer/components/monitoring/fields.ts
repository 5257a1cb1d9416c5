// How an evidence row's fields are shown (shared/monitoring.ts Evidence): the rules name some
// fields by English keys (labelled through i18n `mon.fields`) and some in Chinese, as the export
// files head them (shown as they are in Chinese, translated here for English). Values: money in
// 元 with two decimals, shares as percentages, the rest as given. Which field leads to a
// customer's 360 is said here too. (No DOM: unit-testable.)

/** English labels of the fields the rules name in Chinese. */
export const FIELD_EN: Readonly<Record<string, string>> = {
    卡号: 'Card no.',
    客户号: 'Customer no.',
    客户名称: 'Customer',
    发卡日期: 'Issued',
    激活日期: 'Activated',
    卡状态: 'Card status',
    近12月交易笔数: 'Transactions, 12 months',
    最近交易日期: 'Last transaction',
    营销客户经理号: 'Marketing manager no.',
    所属机构号: 'Org no.',
    手机号码: 'Mobile',
    联系地址: 'Address',
    共用: 'Shared',
    贷记卡: 'Credit card',
    商户名称: 'Merchant',
    行业类别: 'Industry',
    法人客户号: 'Owner customer no.',
    拓展客户经理号: 'Expanding manager no.',
    月份: 'Month',
    活跃天数: 'Active days',
    交易笔数: 'Transactions',
    付款人数: 'Payers',
    交易金额: 'Amount (yuan)',
    交易时间: 'Time',
    付款方标识: 'Payer',
    支付方式: 'Method',
    终端号: 'Terminal',
    说明: 'Note',
    签约流水号: 'Signing no.',
    业务类型: 'Product',
    签约日期: 'Signed',
    解约日期: 'Cancelled',
    状态: 'Status',
    最近使用日期: 'Last used',
    签约设备号: 'Device',
    营销人员号: 'Staff no.',
    身份: 'Role',
    识别依据: 'Matched by',
    时段: 'Hours',
    夜间笔数: 'Night transactions',
    夜间金额: 'Night amount (yuan)',
    占比: 'Share',
    夜间天数: 'Nights',
    开始: 'Start',
    结束: 'End',
    笔数: 'Count',
    金额: 'Amount (yuan)',
    金额占比: 'Share of amount',
    日期: 'Date',
    对象: 'By',
    编号: 'No.',
    签约笔数: 'Signings',
    当日中位数: 'Day median',
    此前日均: 'Usual per day',
};

/** Fields holding money in 元. */
const MONEY = new Set([
  'amount', 'balance', 'balance_month_end', 'avg_before', 'excess', 'left_amount', 'deposit_balance', 'deposit_avg_month',
  '交易金额', '金额', '夜间金额',
]);
/** Fields holding a share (a fraction). */
const RATIO = new Set(['deposit_deviation', 'threshold', '占比', '金额占比']);
/** Fields naming a customer, in the order they are looked for. */
const CUSTOMER_FIELDS = ['cust_id', '客户号', '法人客户号'];

export function fieldLabel(key: string, en: boolean, i18nLabel: (key: string) => string | null): string {
  const l = i18nLabel(key);
  if (l) return l;
  return en ? (FIELD_EN[key] ?? key) : key;
}

export function fieldValue(key: string, v: string | number | null): string {
  if (v === null || v === '') return '—';
  if (typeof v === 'number' && RATIO.has(key)) return `${(v * 100).toFixed(2)}%`;
  if (typeof v === 'number' && MONEY.has(key)) return v.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return String(v);
}

/** The customer an evidence row names (its 360 is a link), or null. */
export function customerOf(e: { kind: string; id: string; fields: Record<string, string | number | null> }): string | null {
  for (const k of CUSTOMER_FIELDS) {
    const v = e.fields[k];
    if (typeof v === 'string' && v !== '') return v;
  }
  return e.kind === 'customer' && e.id !== '' ? e.id : null;
}
