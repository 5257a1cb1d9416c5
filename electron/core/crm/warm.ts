// Rebuilds the customer views (holdings at the latest date, the search index) right after data
// changes, so the first search at the counter does not pay for the rebuild (seconds on a bank of
// 300k customers: see `npm run bench`). Both are no-ops when already current.
import type { Db } from '../db/connection.js';
import { EmptyBankError, ensureHoldings } from './holdings.js';
import { ensureSearchIndex } from './search-index.js';

export function warmCustomerViews(db: Db): void {
  ensureSearchIndex(db);
  try {
    ensureHoldings(db);
  } catch (e) {
    if (!(e instanceof EmptyBankError)) throw e; // an empty bank has no data date yet: nothing to build
  }
}
