// GET /api/home: what is loaded, how fresh it is, and the headline figures of the scope, read from
// the materialised indicators (stats.ts) for the headline org and the orgs the chart compares only.
import type { Db } from '../db/connection.js';
import type { HomeSummary } from '../../../shared/api.js';
import { DATASETS, type DatasetId } from '../../../shared/datasets.js';
import { headOfficeOf, isWholeBank, type Scope } from '../scope/index.js';
import { dataVersion } from '../import/data-version.js';
import { consistentRead, figuresOfOrgs, orgStats, unassignedOf } from './stats.js';
import { loadOrgTree, type OrgTree } from './org-tree.js';

/** How each dataset's freshness is read; datasets without a date of their own have none. */
const LATEST_SQL: Partial<Record<DatasetId, string>> = {
  deposit: 'SELECT MAX(data_date) AS d FROM deposit',
  loan: 'SELECT MAX(data_date) AS d FROM loan',
  acq_txn: 'SELECT substr(MAX(txn_time), 1, 10) AS d FROM acq_txn',
  visit: 'SELECT substr(MAX(visit_time), 1, 10) AS d FROM visit',
};

/** Counting rows and finding the latest 收单/走访 day read whole tables (millions of rows on a large
 *  bank); they change only when a batch is written or undone, so they are kept per database until
 *  the data version (bumped by every import and undo) or the latest batch moves. */
const loadedCache = new WeakMap<Db, { key: string; value: HomeSummary['datasets'] }>();

function loadedDatasets(db: Db): HomeSummary['datasets'] {
  const key = `${dataVersion(db)}:${db.prepare('SELECT MAX(batch_id) FROM import_batch').pluck().get() ?? 0}`;
  const hit = loadedCache.get(db);
  if (hit?.key === key) return hit.value;
  const value = datasetRows(db);
  loadedCache.set(db, { key, value });
  return value;
}

/** What is loaded: rows, warnings and freshness (the latest date a dataset holds) per dataset. */
function datasetRows(db: Db): HomeSummary['datasets'] {
  const warnings = new Map(
    (
      db
        .prepare(
          `SELECT b.dataset AS dataset, COUNT(*) AS n
             FROM import_issue i JOIN import_batch b ON b.batch_id = i.batch_id
            WHERE i.level = 'warning' AND b.status = 'committed'
            GROUP BY b.dataset`,
        )
        .all() as { dataset: string; n: number }[]
    ).map((r) => [r.dataset, r.n]),
  );
  return DATASETS.map((ds) => {
    // table names come from the contract (DatasetId), never from input
    const rows = (db.prepare(`SELECT COUNT(*) AS n FROM ${ds.id}`).get() as { n: number }).n;
    const sql = LATEST_SQL[ds.id];
    const latestDate = sql ? (db.prepare(sql).get() as { d: string | null }).d : null;
    return { dataset: ds.id, name: ds.zh, rows, latestDate, warnings: warnings.get(ds.id) ?? 0 };
  });
}

/** Row and warning counts are the whole bank's, so only a whole-bank scope gets them; every scope
 *  gets the freshness. */
function datasetsSeen(db: Db, counts: boolean): HomeSummary['datasets'] {
  const all = loadedDatasets(db);
  return counts ? all.map((d) => ({ ...d })) : all.map((d) => ({ ...d, rows: null, warnings: null }));
}

/** The org whose figures head the page: the scope's root, or for the whole bank the head office
 *  (the root labelled 总行, else the first root by org_id). */
function headlineOrg(tree: OrgTree, scope: Scope): string | null {
  if (scope.rootOrg !== null) return scope.rootOrg;
  const root = headOfficeOf(tree) ?? tree.roots[0]?.org_id;
  return root ?? null;
}

/** The orgs the chart compares: for the whole bank the orgs of level 支行 (when none is so
 *  labelled, the head office's children); inside a narrower scope the orgs right below its root. */
function branchIds(tree: OrgTree, head: string | null, scope: Scope): string[] {
  if (scope.rootOrg !== null) return tree.children(scope.rootOrg).map((o) => o.org_id);
  const labelled = tree.orgs.filter((o) => o.level === '支行').map((o) => o.org_id);
  if (labelled.length || head === null) return labelled;
  return tree.children(head).map((o) => o.org_id);
}

/** The page for the scope as of `date` (default: the latest deposit or loan date loaded). */
export function homeSummary(db: Db, scope: Scope, date?: string): HomeSummary {
  const whole = isWholeBank(scope);
  const datasets = datasetsSeen(db, whole);
  const latestOf = (id: DatasetId) => datasets.find((d) => d.dataset === id)?.latestDate ?? null;
  const latestDate = latestOf('deposit') ?? latestOf('loan');
  if (latestDate === null) return { datasets, latestDate, headline: null, branches: [], unassigned: null };
  const asOf = date ?? latestDate;

  return consistentRead(db, asOf, (): HomeSummary => {
    const tree = loadOrgTree(db);
    const head = headlineOrg(tree, scope);
    // the head org and the orgs compared, in tree order (parents first) so a parent's read splits into its children
    const ids = new Set([...(head === null ? [] : [head]), ...branchIds(tree, head, scope)]);
    const orgs = tree.orgs.filter((o) => ids.has(o.org_id));
    const sets = figuresOfOrgs(db, asOf, tree, orgs, scope);
    const figuresOf = (id: string) => {
      const org = tree.byId.get(id);
      const set = sets.get(id);
      return org && set ? orgStats(org, set) : undefined;
    };
    const h = head === null ? undefined : figuresOf(head);
    const headline: HomeSummary['headline'] = h
      ? {
          date: asOf,
          customers: h.customers,
          depositBalance: h.deposit_balance,
          depositAvgMonth: h.deposit_avg_month,
          depositDeviation: h.deposit_deviation,
          loanBalance: h.loan_balance,
          nplRatio: h.npl_ratio,
          creditLoanRatio: h.credit_loan_ratio,
          overdueBalance: h.overdue_balance,
          merchants: h.merchants,
          highQualityMerchants: h.high_quality_merchants,
        }
      : null;
    const branches = branchIds(tree, head, scope).map((id) => {
      const s = figuresOf(id)!;
      return { orgId: id, name: s.name, depositBalance: s.deposit_balance, loanBalance: s.loan_balance, nplRatio: s.npl_ratio };
    });
    const u = whole ? unassignedOf(db, tree, asOf, sets) : null;
    // shown only when something is unassigned: an empty box on every healthy bank says nothing
    const unassigned: HomeSummary['unassigned'] =
      u && u.unknown_orgs.length
        ? { customers: u.customers, depositBalance: u.deposit_balance, loanBalance: u.loan_balance, merchants: u.merchants, unknownOrgs: u.unknown_orgs, reason: u.reason }
        : null;
    return { datasets, latestDate, headline, branches, unassigned };
  });
}
