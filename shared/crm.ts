// Customers (惠金小助手): the 18-item catalog, recommendation rules and the shapes the customer
// screens read. Defaults follow DATA.md; both catalog and rules are editable in settings and are
// validated on save (electron/core/crm/catalog.ts).

export type ItemGroup = '存' | '贷' | '卡' | '付' | '代';
export const ITEM_GROUPS: ItemGroup[] = ['存', '贷', '卡', '付', '代'];

/** How "held" is decided for an item, as of a date (DATA.md "The 18 basic business items"). */
export type ItemRule =
  /** a current deposit account (latest deposit snapshot ≤ date, not 销户) of one of these 存款种类 */
  | { kind: 'deposit'; depositKinds: string[] }
  /** an active signing (状态 有效, signed ≤ date, no 解约日期 ≤ date) of one of these 业务类型 */
  | { kind: 'signing'; signingTypes: string[] }
  /** a loan in the latest loan snapshot ≤ date; optionally with balance > 0, online, guarantee */
  | { kind: 'loan'; positiveBalance?: boolean; online?: boolean; guarantees?: string[]; orSigningTypes?: string[] }
  /** a card of one of these 卡种 with 卡状态 正常 */
  | { kind: 'card'; cardTypes: string[] }
  /** 法人客户号 of a merchant with 状态 正常, signed on or before the date */
  | { kind: 'merchant' };

export interface ItemDef {
  id: number; // 1–18 as in DATA.md
  name: string;
  group: ItemGroup;
  rule: ItemRule;
}

export const DEFAULT_ITEMS: ItemDef[] = [
  { id: 1, group: '存', name: '活期存款', rule: { kind: 'deposit', depositKinds: ['活期'] } },
  { id: 2, group: '存', name: '定期存款/大额存单', rule: { kind: 'deposit', depositKinds: ['定期', '大额存单', '通知存款'] } },
  { id: 3, group: '存', name: '理财', rule: { kind: 'signing', signingTypes: ['理财'] } },
  { id: 4, group: '贷', name: '授信签约', rule: { kind: 'loan', orSigningTypes: ['授信签约'] } },
  { id: 5, group: '贷', name: '贷款用信', rule: { kind: 'loan', positiveBalance: true } },
  { id: 6, group: '贷', name: '线上信用贷', rule: { kind: 'loan', positiveBalance: true, online: true, guarantees: ['信用'] } },
  { id: 7, group: '卡', name: '借记卡', rule: { kind: 'card', cardTypes: ['借记卡'] } },
  { id: 8, group: '卡', name: '社保卡', rule: { kind: 'card', cardTypes: ['社保卡'] } },
  { id: 9, group: '卡', name: '贷记卡', rule: { kind: 'card', cardTypes: ['贷记卡'] } },
  { id: 10, group: '付', name: '手机银行', rule: { kind: 'signing', signingTypes: ['手机银行'] } },
  { id: 11, group: '付', name: '微信银行绑卡', rule: { kind: 'signing', signingTypes: ['微信银行绑卡'] } },
  { id: 12, group: '付', name: '微信支付绑卡', rule: { kind: 'signing', signingTypes: ['微信支付绑卡'] } },
  { id: 13, group: '付', name: '支付宝/云闪付绑卡', rule: { kind: 'signing', signingTypes: ['支付宝绑卡', '云闪付绑卡'] } },
  { id: 14, group: '付', name: '收单商户', rule: { kind: 'merchant' } },
  { id: 15, group: '代', name: '代发工资/养老金', rule: { kind: 'signing', signingTypes: ['代发工资', '代发养老金'] } },
  { id: 16, group: '代', name: '水费代扣', rule: { kind: 'signing', signingTypes: ['水费代扣'] } },
  { id: 17, group: '代', name: '电费代扣', rule: { kind: 'signing', signingTypes: ['电费代扣'] } },
  { id: 18, group: '代', name: '社保/医保代缴', rule: { kind: 'signing', signingTypes: ['社保代缴', '医保代缴'] } },
];

/** 客户星级 by 月日均金融资产 (元): lower bounds inclusive, 1★ below the first. DATA.md default. */
export const DEFAULT_STAR_BOUNDS_YUAN = [10_000, 50_000, 200_000, 500_000] as const;

/**
 * A recommendation: offer item `offer` to a customer who lacks it, when every condition holds.
 * The reason is a template shown to staff, e.g. "已代发工资但未开通手机银行".
 */
export interface RecommendationRule {
  id: string;
  offer: number; // item id
  has?: number[]; // items the customer must hold
  lacks?: number[]; // items the customer must lack (besides `offer`)
  minStar?: number;
  custTypes?: string[]; // 个人 / 个体工商户 / 小微企业
  reason: string;
  priority: number; // higher first
  enabled: boolean;
}

export interface ItemHolding {
  id: number;
  name: string;
  group: ItemGroup;
  held: boolean;
  /** the earliest start of the records that make it held (开户/签约/发卡/发放 date), if known */
  since: string | null;
  /** the record it is held by, e.g. {dataset:'signing', key:'SG0001', label:'手机银行 签约 2023-04-01'} */
  source: { dataset: string; key: string; label: string } | null;
}

export interface Recommendation {
  ruleId: string;
  item: number;
  itemName: string;
  reason: string;
  priority: number;
}

/** Personal data as shown: masked unless revealed (customer:reveal, audited). */
export interface CustomerIdentity {
  custId: string;
  name: string;
  custType: string | null;
  idType: string | null;
  idNo: string | null;
  phone: string | null;
  address: string | null;
  gender: string | null;
  birthDate: string | null; // masked to the year unless revealed
  masked: boolean;
}

export interface SearchMatch {
  custId: string;
  name: string; // masked per role
  star: number;
  coverage: number; // items held, 0–18
  orgId: string;
  orgName: string | null;
  managerId: string | null;
  managerName: string | null;
  matchedOn: 'cust_id' | 'phone' | 'name' | 'initials' | 'id_tail' | 'card_tail';
}

export interface SearchResult {
  query: string;
  date: string | null;
  matches: SearchMatch[];
  /** a phone number that no customer has: "not our customer yet" */
  notCustomer?: boolean;
}

export interface Customer360 {
  date: string;
  identity: CustomerIdentity;
  star: number;
  avgAssets: number; // 月日均金融资产, 元
  org: { id: string; name: string | null };
  manager: { id: string; name: string | null; phone: string | null } | null;
  grid: { id: string; name: string | null } | null;
  items: ItemHolding[];
  coverage: number;
  recommendations: Recommendation[];
  deposits: { acctNo: string; kind: string | null; balance: number; status: string | null; openDate: string | null; maturityDate: string | null }[];
  depositTrend: { date: string; balance: number }[]; // this customer's total per snapshot date
  loans: { loanNo: string; product: string | null; guarantee: string | null; balance: number; amount: number; class5: string | null; overdueDays: number | null; issueDate: string; maturityDate: string | null }[];
  cards: { cardNoMasked: string; cardType: string; status: string | null; issueDate: string; activateDate: string | null }[];
  signings: { signNo: string; bizType: string; signDate: string; cancelDate: string | null; status: string | null; lastUsedDate: string | null }[];
  merchants: { merchantId: string; name: string; status: string | null; signDate: string | null }[];
  visits: { visitId: string; time: string; staffName: string | null; method: string | null; result: string | null; products: string | null; note: string | null }[];
  referrals: {
    referredBy: { custId: string; name: string; date: string | null }[];
    referred: { custId: string; name: string; date: string | null }[];
  };
}

/** The counter view: answers 是不是我行客户？已办理哪些业务？还有哪些潜在需求？ at a glance. */
export interface QuickCheck {
  date: string;
  custId: string;
  name: string; // masked
  star: number;
  coverage: number;
  held: { id: number; name: string; group: ItemGroup }[];
  missing: { id: number; name: string; group: ItemGroup }[];
  recommendations: Recommendation[];
  managerName: string | null;
  orgName: string | null;
}

export interface GapQuery {
  date?: string;
  has?: number[];
  lacks?: number[];
  stars?: number[];
  orgId?: string; // the org and every org below it
  managerId?: string;
  gridId?: string;
  ageMin?: number;
  ageMax?: number;
  custTypes?: string[];
  sort?: 'cust_id' | 'coverage' | 'avg_assets' | 'star';
  desc?: boolean;
  after?: string; // keyset cursor from the previous page
  limit?: number; // ≤ 500
}

export interface GapRow {
  custId: string;
  name: string; // masked
  phone: string | null; // masked
  star: number;
  coverage: number;
  avgAssets: number;
  orgName: string | null;
  managerName: string | null;
  gridId: string | null;
  age: number | null;
  custType: string | null;
  missing: number[]; // item ids not held
}

export interface GapPage {
  date: string;
  total: number;
  rows: GapRow[];
  next: string | null; // cursor, or null at the end
}

/** GET /api/settings/crm/problems: a saved setting that no longer validates, so the defaults are
 *  in use in its place until an administrator saves a valid one (the saved text is kept). */
export interface CrmSettingProblem {
  setting: 'items' | 'rules' | 'stars';
  /** why it does not validate (zh-CN, as saving it would say) */
  error: string;
  /** the saved text as stored, for repair */
  saved: string;
}

export interface CoverageCell {
  key: string; // org id or manager id (员工号)
  name: string;
  customers: number;
  /** per item id (1–18): share of customers holding it, 0–1, unrounded (round for display only) */
  shares: Record<number, number>;
  /**
   * By branch: 'branch' a 支行 with the orgs below it (or the scope's root, when that lies below
   * the 支行); 'own_org' an org with no 支行 above it (the 总行 itself, an org outside any 支行),
   * counting only its own customers; 'unknown_org' an org id the org file does not hold.
   * By manager: 'manager', or 'unknown_manager' for a 员工号 the staff file does not hold.
   */
  placement: 'branch' | 'own_org' | 'unknown_org' | 'manager' | 'unknown_manager';
  /** by manager: the org the manager sits in (staff 所属机构号) and its name, which with the key
   *  (员工号) tell same-name managers apart; null when unknown */
  orgId?: string | null;
  orgName?: string | null;
}

export interface CoverageTable {
  date: string;
  by: 'branch' | 'manager';
  rows: CoverageCell[];
  items: { id: number; name: string; group: ItemGroup }[];
  /** by manager: customers in the table's scope with no 管户客户经理 (in no row); 0 by branch */
  unmanagedCustomers: number;
}
