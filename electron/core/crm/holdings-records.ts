// One customer's business records as of a date, each by an indexed key: what customerItems
// judges and what the 360 view lists. Deposits and loans are those of the bank-wide latest
// snapshot on or before the date; cards, signings and merchants have no snapshot.
import type { Db } from '../db/connection.js';
import { latestSnapshot } from '../rules/in-service.js';

// org_id: the row's own 所属机构号, so the 360 can keep to the caller's scope (scope/row-org.ts)
export interface DepositRec { acct_no: string; kind: string | null; open_date: string | null; maturity_date: string | null; balance: number; status: string | null; org_id: string | null }
export interface LoanRec {
  loan_no: string; product: string | null; guarantee: string | null; is_online: number | null; issue_date: string; maturity_date: string | null;
  amount: number; balance: number; class5: string | null; overdue_days: number | null; org_id: string | null;
}
export interface CardRec { card_no_masked: string | null; card_type: string; status: string | null; issue_date: string; activate_date: string | null; org_id: string | null }
export interface SigningRec { sign_no: string; biz_type: string; sign_date: string; cancel_date: string | null; status: string | null; last_used_date: string | null; org_id: string | null }
export interface MerchantRec { merchant_id: string; name: string; status: string | null; sign_date: string | null; org_id: string | null }

export interface CustomerRecords {
  date: string;
  depositDate: string | null;
  loanDate: string | null;
  deposits: DepositRec[];
  loans: LoanRec[];
  cards: CardRec[];
  signings: SigningRec[];
  merchants: MerchantRec[];
}

export function customerRecords(db: Db, custId: string, date: string): CustomerRecords {
  const depositDate = latestSnapshot(db, 'deposit', date);
  const loanDate = latestSnapshot(db, 'loan', date);
  const deposits = depositDate
    ? (db
        .prepare('SELECT acct_no, kind, open_date, maturity_date, balance, status, org_id FROM deposit INDEXED BY deposit_cust WHERE cust_id = ? AND data_date = ? ORDER BY acct_no')
        .all(custId, depositDate) as DepositRec[])
    : [];
  const loans = loanDate
    ? (db
        .prepare(
          `SELECT loan_no, product, guarantee, is_online, issue_date, maturity_date, amount, balance, class5, overdue_days, org_id
             FROM loan INDEXED BY loan_cust WHERE cust_id = ? AND data_date = ? ORDER BY issue_date, loan_no`,
        )
        .all(custId, loanDate) as LoanRec[])
    : [];
  const cards = db
    .prepare('SELECT card_no_masked, card_type, status, issue_date, activate_date, org_id FROM card WHERE cust_id = ? ORDER BY issue_date, card_no_masked')
    .all(custId) as CardRec[];
  const signings = db
    .prepare('SELECT sign_no, biz_type, sign_date, cancel_date, status, last_used_date, org_id FROM signing WHERE cust_id = ? ORDER BY sign_date, sign_no')
    .all(custId) as SigningRec[];
  const merchants = db
    .prepare('SELECT merchant_id, name, status, sign_date, org_id FROM merchant WHERE owner_cust_id = ? ORDER BY sign_date, merchant_id')
    .all(custId) as MerchantRec[];
  return { date, depositDate, loanDate, deposits, loans, cards, signings, merchants };
}
