// GET /api/home: what is loaded, how fresh it is, and the bank's headline figures.
import type { Db } from '../db/connection.js';
import type { HomeSummary } from '../../../shared/api.js';
import { DATASETS, type DatasetId } from '../../../shared/datasets.js';
import { computeOrgStats, type OrgStats } from './stats.js';
import { loadOrgTree, type OrgTree } from './org-tree.js';

/** How each dataset's freshness is read; datasets without a date of their own have none. */
const LATEST_SQL: Partial<Record<DatasetId, string>> = {
  deposit: 'SELECT MAX(data_date) AS d FROM deposit',
  loan: 'SELECT MAX(data_date) AS d FROM loan',
  acq_txn: 'SELECT substr(MAX(txn_time), 1, 10) AS d FROM acq_txn',
  visit: 'SELECT substr(MAX(visit_time), 1, 10) AS d FROM visit',
};

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

/** The head office: the root of level 总行, else the first root (by org_id). */
export function headOffice(tree: OrgTree): string | null {
  const root = tree.roots.find((r) => r.level === '总行') ?? tree.roots[0];
  return root ? root.org_id : null;
}

/** The orgs of level 支行; when none is so labelled, the head office's children. */
function branchIds(tree: OrgTree, head: string | null): string[] {
  const labelled = tree.orgs.filter((o) => o.level === '支行').map((o) => o.org_id);
  if (labelled.length || head === null) return labelled;
  return tree.children(head).map((o) => o.org_id);
}

export function homeSummary(db: Db): HomeSummary {
  return db.transaction((): HomeSummary => {
    const datasets = datasetRows(db);
    const latestOf = (id: DatasetId) => datasets.find((d) => d.dataset === id)?.latestDate ?? null;
    const latestDate = latestOf('deposit') ?? latestOf('loan');
    if (latestDate === null) return { datasets, latestDate, headline: null, branches: [] };

    const tree = loadOrgTree(db);
    const stats = new Map<string, OrgStats>(computeOrgStats(db, latestDate).orgs.map((s) => [s.org_id, s]));
    const head = headOffice(tree);
    const h = head === null ? undefined : stats.get(head);
    const headline: HomeSummary['headline'] = h
      ? {
          date: latestDate,
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
    const branches = branchIds(tree, head).map((id) => {
      const s = stats.get(id)!;
      return { orgId: id, name: s.name, depositBalance: s.deposit_balance, loanBalance: s.loan_balance, nplRatio: s.npl_ratio };
    });
    return { datasets, latestDate, headline, branches };
  })();
}
