// generateDemoBank: the export files of a fictional 农商银行 in 泉州, in the standard layout of
// DATA.md, written the way a bank's data platform writes them (mixed encodings, delimiters,
// header styles). Same seed and scale → the same bytes.

import fs from 'node:fs';
import path from 'node:path';
import type { DatasetId } from '../shared/datasets.js';
import { writeAcqTxns } from './acq.js';
import { addMerchantExtras } from './acq-extras.js';
import { plantCardDecoys, plantLoanCases } from './decoys.js';
import { planCards, writeCards } from './cards.js';
import { buildCustomers } from './customers.js';
import { compact, isValidDate } from './dates.js';
import { writeDeposits } from './deposits.js';
import { writeCustomers, writeGrids, writeLabels, writeOrgs, writeStaffXlsx } from './files.js';
import { loadDistricts } from './geo.js';
import { buildLoans, writeLoans } from './loans.js';
import { buildMerchants, writeMerchants } from './merchants.js';
import { SCALES } from './model.js';
import type { Bank, Scale } from './model.js';
import { buildGrids, buildOrgs, buildStaff } from './orgs.js';
import { Rng } from './rng.js';
import { writeSignings } from './signings.js';
import { writeTargets } from './targets.js';
import { writeReferrals, writeVisits } from './visits.js';

export type { Scale } from './model.js';
export type { Label } from './model.js';

export interface SeedOptions {
  outDir: string;
  scale?: Scale;
  seed?: number;
  /** YYYY-MM-DD, default '2024-07-31' */
  endDate?: string;
}

export interface SeedResult {
  outDir: string;
  /** absolute paths of dataset files, in import order */
  files: string[];
  labelsFile: string;
  counts: Record<string, number>;
}

export const FILE_EXT: Record<DatasetId, string> = {
  org: 'csv', staff: 'xlsx', customer: 'csv', grid: 'geojson', deposit: 'txt', loan: 'csv', card: 'csv',
  signing: 'tsv', merchant: 'csv', acq_txn: 'csv', visit: 'csv', referral: 'csv', target: 'xlsx',
};

export async function generateDemoBank(opts: SeedOptions): Promise<SeedResult> {
  const scale = opts.scale ?? 'small';
  const seed = opts.seed ?? 1;
  const endDate = opts.endDate ?? '2024-07-31';
  if (!(scale in SCALES)) throw new Error(`unknown scale: ${scale}`);
  if (!isValidDate(endDate)) throw new Error(`endDate must be a real date YYYY-MM-DD: ${endDate}`);
  if (!Number.isInteger(seed)) throw new Error(`seed must be an integer: ${seed}`);
  const outDir = path.resolve(opts.outDir);
  fs.mkdirSync(outDir, { recursive: true });
  const stamp = compact(endDate);
  const bank: Bank = {
    seed, scale, params: SCALES[scale], endDate, stamp, districts: loadDistricts(), orgs: [], staff: [], grids: [], customers: [],
    managersByBranch: new Map(), labels: [], depositEffects: [], currentAccount: new Map(), debitCards: new Uint8Array(SCALES[scale].customers),
    depositAvgByManager: new Map(), loanBalanceByManager: new Map(),
  };
  const rng = (name: string) => new Rng(seed, name);

  buildOrgs(bank, rng('org'));
  buildStaff(bank, rng('staff'));
  buildGrids(bank, rng('grid'));
  buildCustomers(bank, rng('customer'));
  const loans = buildLoans(bank, rng('loan'));
  // the borrowers the signings draw 授信签约 for: those of the loans above only, so the monitoring
  // cases and decoys added next leave the signing stream as it was
  const borrowers = new Set(loans.map((l) => l.cust.seq));
  plantLoanCases(bank, rng('loan-decoy'), loans);
  const cardPlan = planCards(bank, rng('card-plan'));
  plantCardDecoys(bank, rng('card-decoy'), cardPlan);
  const merchants = buildMerchants(bank, rng('merchant'));
  const merchantExtras = addMerchantExtras(bank, rng('merchant-extra'), merchants);

  const files: string[] = [];
  const counts: Record<string, number> = {};
  const file = (id: DatasetId) => {
    const p = path.join(outDir, `${id}_${stamp}.${FILE_EXT[id]}`);
    files.push(p);
    return p;
  };
  counts.org = writeOrgs(bank, file('org'));
  counts.staff = await writeStaffXlsx(bank, file('staff'));
  counts.customer = writeCustomers(bank, file('customer'));
  counts.grid = writeGrids(bank, file('grid'));
  const dep = writeDeposits(bank, rng('deposit'), file('deposit'));
  counts.deposit = dep.rows;
  counts.deposit_accounts = dep.accounts;
  counts.loan = writeLoans(bank, loans, file('loan'));
  counts.card = writeCards(bank, rng('card'), cardPlan, file('card'));
  counts.signing = writeSignings(bank, rng('signing'), borrowers, file('signing'));
  counts.merchant = writeMerchants(merchants, file('merchant'));
  counts.acq_txn = writeAcqTxns(bank, rng('acq'), merchants, file('acq_txn'), merchantExtras);
  const visits = writeVisits(bank, rng('visit'), file('visit'));
  counts.visit = visits.rows;
  counts.referral = writeReferrals(bank, rng('referral'), file('referral'));
  counts.target = await writeTargets(bank, rng('target'), { merchants, visitsByManager: visits.visitsByManager, cardPlan }, file('target'));

  const labelsFile = path.join(outDir, `labels_${stamp}.json`);
  writeLabels(bank.labels, labelsFile);
  counts.labels = bank.labels.length;
  return { outDir, files, labelsFile, counts };
}
