// The data contract of DATA.md as code: every dataset, its columns, the names a header cell may
// use for each (Chinese, English key, EAST 5.0 code), its type and its business key.
// The importer, the seed generator and the docs all read this one table, so a column added here
// is recognised, generated and documented at once.

export type ColumnType =
  | 'text'
  | 'int'
  | 'money' // 元 in files, stored as integer 分
  | 'decimal' // non-money decimals (rates, coordinates), stored as REAL
  | 'date' // stored as YYYY-MM-DD
  | 'datetime' // stored as YYYY-MM-DD HH:MM:SS (Asia/Shanghai, as written)
  | 'enum'
  | 'bool' // 是/否, stored as 1/0
  | 'list'; // `;`-separated values, stored as the joined text

export interface EnumValue {
  label: string;
  code?: string;
}

export interface ColumnDef {
  key: string; // English key = SQL column name
  zh: string; // Chinese header
  east?: string[]; // EAST 5.0 codes accepted as header
  aliases?: string[]; // other spellings seen in exports
  type: ColumnType;
  required?: boolean;
  values?: EnumValue[];
  /** a reference checked against a loaded dataset: unknown ones are warnings, never rejections */
  ref?: 'customer' | 'org' | 'staff';
  /** the column holds percentages ("4.35" or "4.35%" both mean 4.35 %); elsewhere "95%" reads as 0.95 */
  unit?: 'percent';
  /** a WGS-84 coordinate: outside ±180/±90 is rejected, outside China's bounding box warned */
  coord?: 'lng' | 'lat';
  /** personal data: masked in views, exports and import issue lists unless revealed */
  personal?: 'id_no' | 'phone' | 'card_no' | 'name' | 'address' | 'birth_date';
}

export type DatasetId =
  | 'org'
  | 'staff'
  | 'customer'
  | 'deposit'
  | 'loan'
  | 'card'
  | 'signing'
  | 'merchant'
  | 'acq_txn'
  | 'grid'
  | 'visit'
  | 'referral'
  | 'target';

export interface DatasetDef {
  id: DatasetId;
  zh: string;
  en: string;
  /** business key columns (upsert key) */
  key: string[];
  /** snapshot datasets carry a 数据日期 per row */
  snapshot?: boolean;
  /** GeoJSON instead of a table */
  geojson?: boolean;
  columns: ColumnDef[];
}

const e = (...labels: string[]): EnumValue[] => labels.map((label) => ({ label }));

export const SIGNING_TYPES = [
  '手机银行',
  '网上银行',
  '微信银行绑卡',
  '微信支付绑卡',
  '支付宝绑卡',
  '云闪付绑卡',
  '短信提醒',
  '水费代扣',
  '电费代扣',
  '燃气费代扣',
  '社保代缴',
  '医保代缴',
  '代发工资',
  '代发养老金',
  '代理保险',
  '理财',
  'ETC',
  '授信签约',
] as const;

export const ORG_LEVELS = ['总行', '支行', '分理处'] as const;
export const STAFF_ROLES = ['行长', '客户经理', '大堂经理', '金融助理', '绩效专员', '柜员'] as const;
export const CLASS5 = [
  { label: '正常', code: '1' },
  { label: '关注', code: '2' },
  { label: '次级', code: '3' },
  { label: '可疑', code: '4' },
  { label: '损失', code: '5' },
] as const;

export const DATASETS: DatasetDef[] = [
  {
    id: 'org',
    zh: '机构',
    en: 'Organisations',
    key: ['org_id'],
    columns: [
      { key: 'org_id', zh: '机构号', type: 'text', required: true, east: ['NBJGH'] },
      { key: 'name', zh: '机构名称', type: 'text', required: true, east: ['YXJGMC'] },
      { key: 'parent_id', zh: '上级机构号', type: 'text', east: ['SJGLJGH'] },
      { key: 'level', zh: '机构层级', type: 'enum', values: e(...ORG_LEVELS) },
      { key: 'lng', zh: '经度', type: 'decimal', coord: 'lng' },
      { key: 'lat', zh: '纬度', type: 'decimal', coord: 'lat' },
      { key: 'address', zh: '地址', type: 'text' },
    ],
  },
  {
    id: 'staff',
    zh: '员工',
    en: 'Staff',
    key: ['staff_id'],
    columns: [
      { key: 'staff_id', zh: '员工号', type: 'text', required: true, east: ['GH'] },
      { key: 'name', zh: '姓名', type: 'text', required: true, east: ['XM'] },
      { key: 'org_id', zh: '所属机构号', type: 'text', required: true, ref: 'org', east: ['NBJGH'] },
      { key: 'post', zh: '岗位', type: 'enum', values: e(...STAFF_ROLES) },
      { key: 'phone', zh: '手机号码', type: 'text', personal: 'phone' },
    ],
  },
  {
    id: 'customer',
    zh: '客户信息',
    en: 'Customers',
    key: ['cust_id'],
    columns: [
      { key: 'cust_id', zh: '客户号', type: 'text', required: true, east: ['KHTYBH'] },
      { key: 'name', zh: '客户名称', type: 'text', required: true, east: ['KHXM'], personal: 'name' },
      { key: 'cust_type', zh: '客户类型', type: 'enum', values: e('个人', '个体工商户', '小微企业') },
      { key: 'id_type', zh: '证件类型', type: 'enum', values: e('身份证', '统一社会信用代码', '其他'), east: ['ZJLB'] },
      { key: 'id_no', zh: '证件号码', type: 'text', east: ['ZJHM'], personal: 'id_no' },
      { key: 'gender', zh: '性别', type: 'enum', values: e('男', '女'), east: ['XB'] },
      { key: 'birth_date', zh: '出生日期', type: 'date', east: ['CSNY'], personal: 'birth_date' },
      { key: 'phone', zh: '手机号码', type: 'text', east: ['LXDH'], personal: 'phone' },
      { key: 'address', zh: '联系地址', type: 'text', east: ['TXDZ'], personal: 'address' },
      { key: 'is_farmer', zh: '是否农户', type: 'bool', east: ['SFNH'] },
      { key: 'org_id', zh: '所属机构号', type: 'text', required: true, ref: 'org', east: ['NBJGH'] },
      { key: 'manager_id', zh: '管户客户经理号', type: 'text', ref: 'staff' },
      { key: 'grid_id', zh: '网格编号', type: 'text' },
      { key: 'lng', zh: '经度', type: 'decimal', coord: 'lng' },
      { key: 'lat', zh: '纬度', type: 'decimal', coord: 'lat' },
      { key: 'open_date', zh: '建档日期', type: 'date' },
    ],
  },
  {
    id: 'deposit',
    zh: '存款分户',
    en: 'Deposit accounts',
    key: ['data_date', 'acct_no'],
    snapshot: true,
    columns: [
      { key: 'data_date', zh: '数据日期', type: 'date', required: true, east: ['CJRQ'] },
      { key: 'acct_no', zh: '账号', type: 'text', required: true, east: ['HQCKZH', 'DQCKZH'] },
      { key: 'cust_id', zh: '客户号', type: 'text', required: true, ref: 'customer', east: ['KHTYBH'] },
      { key: 'kind', zh: '存款种类', type: 'enum', values: e('活期', '定期', '大额存单', '保证金', '通知存款') },
      { key: 'open_date', zh: '开户日期', type: 'date', east: ['KHRQ'] },
      { key: 'maturity_date', zh: '到期日期', type: 'date', east: ['DQRQ'] },
      { key: 'balance', zh: '账户余额', type: 'money', required: true, east: ['CKYE'] },
      { key: 'status', zh: '账户状态', type: 'enum', values: e('正常', '冻结', '久悬', '销户') },
      { key: 'org_id', zh: '所属机构号', type: 'text', ref: 'org', east: ['NBJGH'] },
      { key: 'manager_id', zh: '归属客户经理号', type: 'text', ref: 'staff' },
    ],
  },
  {
    id: 'loan',
    zh: '贷款借据',
    en: 'Loans',
    key: ['data_date', 'loan_no'],
    snapshot: true,
    columns: [
      { key: 'data_date', zh: '数据日期', type: 'date', required: true, east: ['CJRQ'] },
      { key: 'loan_no', zh: '借据号', type: 'text', required: true, east: ['XDJJH'] },
      { key: 'contract_no', zh: '合同号', type: 'text', east: ['XDHTH'] },
      { key: 'cust_id', zh: '客户号', type: 'text', required: true, ref: 'customer', east: ['KHTYBH'] },
      { key: 'product', zh: '贷款产品', type: 'text' },
      { key: 'guarantee', zh: '担保方式', type: 'enum', values: e('信用', '保证', '抵押', '质押') },
      { key: 'is_online', zh: '是否线上贷款', type: 'bool' },
      { key: 'issue_date', zh: '发放日期', type: 'date', required: true, east: ['FFRQ'] },
      { key: 'maturity_date', zh: '到期日期', type: 'date', east: ['DQRQ'] },
      { key: 'amount', zh: '贷款金额', type: 'money', required: true, east: ['DKJE'] },
      { key: 'balance', zh: '贷款余额', type: 'money', required: true, east: ['DKYE'] },
      { key: 'rate', zh: '执行利率(%)', type: 'decimal', unit: 'percent', east: ['DKLL'], aliases: ['执行利率'] },
      { key: 'class5', zh: '五级分类', type: 'enum', values: [...CLASS5], east: ['DKWJFL'] },
      { key: 'overdue_days', zh: '逾期天数', type: 'int' },
      { key: 'overdue_principal', zh: '逾期本金', type: 'money', east: ['DKYQYE'] },
      { key: 'interest_arrears', zh: '欠息金额', type: 'money', east: ['BNQXYE'] },
      { key: 'is_inclusive', zh: '是否普惠小微', type: 'bool' },
      { key: 'manager_id', zh: '经办客户经理号', type: 'text', ref: 'staff', east: ['XDYXM'] },
      { key: 'org_id', zh: '所属机构号', type: 'text', ref: 'org', east: ['NBJGH'] },
    ],
  },
  {
    id: 'card',
    zh: '银行卡',
    en: 'Cards',
    key: ['card_no'],
    columns: [
      { key: 'card_no', zh: '卡号', type: 'text', required: true, personal: 'card_no', east: ['KH'] },
      { key: 'cust_id', zh: '客户号', type: 'text', required: true, ref: 'customer', east: ['KHTYBH'] },
      { key: 'card_type', zh: '卡种', type: 'enum', required: true, values: e('借记卡', '贷记卡', '社保卡') },
      { key: 'issue_date', zh: '发卡日期', type: 'date', required: true },
      { key: 'activate_date', zh: '激活日期', type: 'date' },
      { key: 'status', zh: '卡状态', type: 'enum', values: e('正常', '未激活', '挂失', '销卡') },
      { key: 'credit_limit', zh: '授信额度', type: 'money' },
      { key: 'last_txn_date', zh: '最近交易日期', type: 'date' },
      { key: 'txn_count_12m', zh: '近12月交易笔数', type: 'int' },
      { key: 'manager_id', zh: '营销客户经理号', type: 'text', ref: 'staff' },
      { key: 'org_id', zh: '所属机构号', type: 'text', ref: 'org', east: ['NBJGH'] },
    ],
  },
  {
    id: 'signing',
    zh: '业务签约',
    en: 'Service signings',
    key: ['sign_no'],
    columns: [
      { key: 'sign_no', zh: '签约流水号', type: 'text', required: true },
      { key: 'cust_id', zh: '客户号', type: 'text', required: true, ref: 'customer', east: ['KHTYBH'] },
      { key: 'biz_type', zh: '业务类型', type: 'enum', required: true, values: e(...SIGNING_TYPES) },
      { key: 'sign_date', zh: '签约日期', type: 'date', required: true },
      { key: 'cancel_date', zh: '解约日期', type: 'date' },
      { key: 'status', zh: '状态', type: 'enum', values: e('有效', '已解约') },
      { key: 'last_used_date', zh: '最近使用日期', type: 'date' },
      { key: 'device_id', zh: '签约设备号', type: 'text' },
      { key: 'staff_id', zh: '营销人员号', type: 'text', ref: 'staff' },
      { key: 'org_id', zh: '所属机构号', type: 'text', ref: 'org', east: ['NBJGH'] },
    ],
  },
  {
    id: 'merchant',
    zh: '收单商户',
    en: 'Acquiring merchants',
    key: ['merchant_id'],
    columns: [
      { key: 'merchant_id', zh: '商户号', type: 'text', required: true },
      { key: 'name', zh: '商户名称', type: 'text', required: true },
      { key: 'industry', zh: '行业类别', type: 'text' },
      { key: 'owner_cust_id', zh: '法人客户号', type: 'text', ref: 'customer' },
      { key: 'settle_acct', zh: '结算账号', type: 'text' },
      { key: 'sign_date', zh: '签约日期', type: 'date' },
      { key: 'status', zh: '状态', type: 'enum', values: e('正常', '暂停', '注销') },
      { key: 'lng', zh: '经度', type: 'decimal', coord: 'lng' },
      { key: 'lat', zh: '纬度', type: 'decimal', coord: 'lat' },
      { key: 'grid_id', zh: '网格编号', type: 'text' },
      { key: 'manager_id', zh: '拓展客户经理号', type: 'text', ref: 'staff' },
      { key: 'org_id', zh: '所属机构号', type: 'text', ref: 'org', east: ['NBJGH'] },
    ],
  },
  {
    id: 'acq_txn',
    zh: '收单交易流水',
    en: 'Acquiring transactions',
    key: ['txn_id'],
    columns: [
      { key: 'txn_id', zh: '交易流水号', type: 'text', required: true },
      { key: 'merchant_id', zh: '商户号', type: 'text', required: true },
      { key: 'terminal_id', zh: '终端号', type: 'text' },
      { key: 'txn_time', zh: '交易时间', type: 'datetime', required: true },
      { key: 'amount', zh: '交易金额', type: 'money', required: true },
      { key: 'payer', zh: '付款方标识', type: 'text' },
      { key: 'pay_method', zh: '支付方式', type: 'enum', values: e('银行卡', '扫码') },
      { key: 'txn_type', zh: '交易类型', type: 'enum', values: e('消费', '撤销', '退货') },
    ],
  },
  {
    id: 'grid',
    zh: '网格',
    en: 'Service grids',
    key: ['grid_id'],
    geojson: true,
    columns: [
      { key: 'grid_id', zh: '网格编号', type: 'text', required: true },
      { key: 'name', zh: '网格名称', type: 'text', required: true },
      { key: 'grid_type', zh: '网格类型', type: 'enum', values: e('行政村', '社区', '市场', '园区', '商圈') },
      { key: 'org_id', zh: '所属机构号', type: 'text', ref: 'org' },
      { key: 'owner_staff_id', zh: '网格责任人', type: 'text', ref: 'staff' },
      { key: 'households', zh: '户数', type: 'int' },
    ],
  },
  {
    id: 'visit',
    zh: '走访记录',
    en: 'Visits',
    key: ['visit_id'],
    columns: [
      { key: 'visit_id', zh: '走访编号', type: 'text', required: true },
      { key: 'visit_time', zh: '走访时间', type: 'datetime', required: true },
      { key: 'staff_id', zh: '走访人员号', type: 'text', required: true, ref: 'staff' },
      { key: 'cust_id', zh: '客户号', type: 'text', ref: 'customer' },
      { key: 'target_name', zh: '走访对象', type: 'text', personal: 'name' },
      { key: 'grid_id', zh: '网格编号', type: 'text' },
      { key: 'lng', zh: '经度', type: 'decimal', coord: 'lng' },
      { key: 'lat', zh: '纬度', type: 'decimal', coord: 'lat' },
      { key: 'method', zh: '走访方式', type: 'enum', values: e('上门', '电话', '微信', '厅堂') },
      { key: 'result', zh: '走访结果', type: 'enum', values: e('有意向', '已办理', '无需求', '未遇') },
      { key: 'products', zh: '推荐产品', type: 'list' },
      { key: 'note', zh: '备注', type: 'text' },
    ],
  },
  {
    id: 'referral',
    zh: '转介绍',
    en: 'Referrals',
    key: ['referrer_cust_id', 'referred_cust_id'],
    columns: [
      { key: 'referrer_cust_id', zh: '推荐人客户号', type: 'text', required: true, ref: 'customer' },
      { key: 'referred_cust_id', zh: '被推荐客户号', type: 'text', required: true, ref: 'customer' },
      { key: 'referral_date', zh: '推荐日期', type: 'date' },
      { key: 'biz_type', zh: '业务类型', type: 'text' },
    ],
  },
  {
    id: 'target',
    zh: '考核目标',
    en: 'Assessment targets',
    key: ['period', 'subject_type', 'subject_id', 'indicator'],
    columns: [
      { key: 'period', zh: '考核期', type: 'text', required: true },
      { key: 'subject_type', zh: '对象类型', type: 'enum', required: true, values: e('机构', '员工') },
      { key: 'subject_id', zh: '对象编号', type: 'text', required: true },
      { key: 'indicator', zh: '指标', type: 'text', required: true },
      { key: 'target_value', zh: '目标值', type: 'decimal', required: true },
    ],
  },
];

/** Datasets in the order a folder is imported: what others refer to comes first. */
export const IMPORT_ORDER: DatasetId[] = [
  'org',
  'staff',
  'customer',
  'grid',
  'deposit',
  'loan',
  'card',
  'signing',
  'merchant',
  'acq_txn',
  'visit',
  'referral',
  'target',
];

export const DATASET_BY_ID: Record<DatasetId, DatasetDef> = Object.fromEntries(
  DATASETS.map((d) => [d.id, d]),
) as Record<DatasetId, DatasetDef>;

/** Every spelling a header cell may use for a column (normalised by normaliseHeader). */
export function headerNames(c: ColumnDef): string[] {
  return [c.zh, c.key, ...(c.east ?? []), ...(c.aliases ?? [])];
}

/** Header cells compare without case, surrounding spaces, full-width brackets or a unit suffix. */
export function normaliseHeader(s: string): string {
  return s
    .replace(/^\uFEFF/, '')
    .trim()
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/\s+/g, '')
    .toLowerCase();
}
