// The in-memory bank the generators share: who exists (orgs, staff, grids, customers) and the
// anomalies planted on purpose. Rows of the big datasets are streamed from it, never stored.

import type { RuleId, SubjectType } from '../shared/monitoring.js';
import type { District, LngLat, Square } from './geo.js';

export type Scale = 'small' | 'medium' | 'large';

export interface ScaleParams {
  customers: number;
  managersPerBranch: number;
  gridsPerBranch: number;
  gridHalf: number;
  acqRows: number;
  visitsPerManager: number;
}

export const SCALES: Record<Scale, ScaleParams> = {
  small: { customers: 3_000, managersPerBranch: 4, gridsPerBranch: 5, gridHalf: 0.006, acqRows: 150_000, visitsPerManager: 30 },
  medium: { customers: 30_000, managersPerBranch: 8, gridsPerBranch: 12, gridHalf: 0.004, acqRows: 1_000_000, visitsPerManager: 40 },
  large: { customers: 300_000, managersPerBranch: 20, gridsPerBranch: 30, gridHalf: 0.0025, acqRows: 5_000_000, visitsPerManager: 50 },
};

export interface Org {
  id: string;
  name: string;
  parentId: string;
  level: '总行' | '支行' | '分理处';
  lng: number;
  lat: number;
  address: string;
  /** the 支行 this org belongs to (itself for a 支行; '' for the head office) */
  branchId: string;
  district: string;
}

export interface Staff {
  id: string;
  name: string;
  orgId: string;
  branchId: string;
  post: '行长' | '客户经理' | '大堂经理' | '金融助理' | '绩效专员' | '柜员';
  phone: string;
}

export interface Grid {
  id: string;
  name: string;
  type: '行政村' | '社区' | '市场' | '园区' | '商圈';
  orgId: string;
  branchId: string;
  ownerId: string;
  households: number;
  square: Square;
  town: string;
}

export type CustType = '个人' | '个体工商户' | '小微企业';

export interface Customer {
  /** position in the customer list; card numbers and payer tokens derive from it */
  seq: number;
  id: string;
  name: string;
  type: CustType;
  idType: '身份证' | '统一社会信用代码';
  idNo: string;
  gender: '男' | '女' | '';
  birth: string;
  phone: string;
  address: string;
  isFarmer: boolean;
  orgId: string;
  branchId: string;
  managerId: string;
  gridId: string;
  point: LngLat | null;
  openDate: string;
  town: string;
}

/** an alert a monitoring case must raise (or, for a decoy, must not): the rule's subject and the
 *  month the case belongs to (the month whose end was dressed, of the issue, of the cancel …) */
export interface LabelSubject {
  type: SubjectType;
  id: string;
  period: string;
}

export interface Label {
  model: 'deposit' | 'loan' | 'credit_card' | 'merchant' | 'ebank' | 'data_quality';
  kind: string;
  keys: Record<string, string | number | string[]>;
  note: string;
  /** monitoring cases: the rule of issue 10's table this case must trigger (a case two rules must
   *  find is listed twice, once per rule); decoys: the rule that must leave it alone */
  rule?: RuleId;
  subjects?: LabelSubject[];
  /** a legitimate look-alike: no alert of `rule` may name its subjects */
  decoy?: true;
}

/** a temporary inflow on a customer's 活期 account, from `from` up to the day before `until` */
export interface DepositEffect {
  custSeq: number;
  amountFen: number;
  from: string;
  until: string;
  /** the label of the case this inflow makes, pushed only once it has found an account to land on */
  label?: Label;
}

export interface Bank {
  seed: number;
  scale: Scale;
  params: ScaleParams;
  endDate: string;
  stamp: string;
  districts: Map<string, District>;
  orgs: Org[];
  staff: Staff[];
  grids: Grid[];
  customers: Customer[];
  managersByBranch: Map<string, Staff[]>;
  labels: Label[];
  depositEffects: DepositEffect[];
  /** each customer's first 正常 活期 account (filled by the deposit generator) */
  currentAccount: Map<number, string>;
  /** number of 借记卡 each customer holds (by seq); payer tokens of merchants derive from them */
  debitCards: Uint8Array;
  /** filled by the deposit generator for the targets: average daily balance of the month (分) */
  depositAvgByManager: Map<string, number>;
  loanBalanceByManager: Map<string, number>;
}
