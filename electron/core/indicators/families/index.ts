// The families of measures, what each is computed from, and which imported datasets touch which
// family (the invalidation map of store.ts).
import type { Db } from '../../db/connection.js';
import type { DatasetId } from '../../../../shared/datasets.js';
import type { CellBag } from '../cells.js';
import { depositCells } from './deposit.js';
import { loanCells } from './loan.js';
import { customerCells } from './customer.js';
import { merchantCells } from './merchant.js';
import { cardCells } from './card.js';
import { signingCells } from './signing.js';
import { visitCells } from './visit.js';

export const FAMILY_IDS = ['deposit', 'loan', 'customer', 'merchant', 'card', 'signing', 'visit'] as const;
export type FamilyId = (typeof FAMILY_IDS)[number];

export interface Family {
  /** a snapshot family is built for the snapshot's own 数据日期 and read at the latest one ≤ a date;
   *  the others are built for the date itself */
  snapshot: 'deposit' | 'loan' | null;
  compute: (db: Db, date: string) => CellBag;
}

export const FAMILIES: Readonly<Record<FamilyId, Family>> = {
  deposit: { snapshot: 'deposit', compute: depositCells },
  loan: { snapshot: 'loan', compute: loanCells },
  customer: { snapshot: null, compute: customerCells },
  merchant: { snapshot: null, compute: merchantCells },
  card: { snapshot: null, compute: cardCells },
  signing: { snapshot: null, compute: signingCells },
  visit: { snapshot: null, compute: visitCells },
};

/**
 * The families whose cells rows of a dataset feed. The customer family holds the 18 items, which
 * read deposits, loans, cards, signings and merchants; every family falls back on a row's
 * customer for its org, so a customer file touches them all. Orgs and staff only name and roll up
 * (read at read time); targets and referrals feed no indicator.
 */
export const FAMILIES_OF_DATASET: Readonly<Record<DatasetId, readonly FamilyId[]>> = {
  org: [],
  staff: [],
  customer: FAMILY_IDS,
  deposit: ['deposit', 'customer'],
  loan: ['loan', 'customer'],
  card: ['card', 'customer'],
  signing: ['signing', 'customer'],
  merchant: ['merchant', 'customer'],
  acq_txn: ['merchant'],
  grid: ['visit'],
  visit: ['visit'],
  referral: [],
  target: [],
};
