// Shapes of the HTTP API shared by the core (which returns them) and the renderer (which reads
// them). All routes live under /api; the renderer sends `Authorization: Bearer <token>`.
import type { DatasetId } from './datasets.js';
import type { Permission, Role } from './permissions.js';

export interface UserInfo {
  username: string;
  displayName: string;
  role: Role;
  orgId: string | null;
  permissions: Permission[];
  /** set by an administrator's password reset: nothing but the password change until done */
  mustChangePassword?: boolean;
}

/**
 * What the signed-in user may do, decided by the core from its permission table
 * (electron/core/auth/permission.ts): the renderer shows and routes by these flags and never
 * looks at a role's name. The core still checks every route itself.
 */
export interface Capabilities {
  canReadData: boolean; // data:read — dashboards, lists, customers (masked)
  canReveal: boolean; // customer:reveal — personal data unmasked (audited)
  canExport: boolean; // export — lists and reports, masked
  canExportUnmasked: boolean; // export + customer:reveal — an unmasked call list with a purpose
  canViewImports: boolean; // import:read — import history and its rejected rows
  canImport: boolean; // import:write — import files, undo, mapping profiles
  canAdmin: boolean; // users:manage
  canEditSettings: boolean; // settings:write
  canAudit: boolean; // audit:read
  canDecideAlerts: boolean; // monitor:decide — confirm/dismiss/reopen 预警, run and back-test the rules
  canRecordVisits: boolean; // visit:write — record a 走访 from the map
  canAssess: boolean; // assess:write — assessment schemes, targets, adjustments, lock a period
  canUnlockAssessment: boolean; // assess:unlock — unlock a locked assessment period
  /** a customer look-up opens the counter's quick check first (the whole 360 one click on) */
  lobbyView: boolean;
}
export type Capability = keyof Capabilities;

/** The user as the session answers it (login, setup, password change, GET /api/auth/me). */
export interface SignedInUser extends UserInfo {
  capabilities: Capabilities;
}

/** GET /api/auth/status (no login needed) */
export interface AuthStatus {
  needsSetup: boolean; // no user yet: ask for an administrator password (POST /api/auth/setup)
  demo: boolean; // the demo bank: the login page lists the demo users
  demoUsers?: { username: string; password: string; role: Role }[];
}

/** POST /api/auth/login {username, password} and POST /api/auth/setup {password} */
export interface LoginResult {
  token: string;
  user: SignedInUser;
}

export interface ApiError {
  error: string; // a sentence for the user, zh-CN first
  code?: string;
}

/** One recognised file, before commit. */
export interface ImportPreview {
  file: string; // file name as uploaded
  size: number;
  dataset: DatasetId | null; // null: not recognised (see message)
  datasetName?: string;
  encoding?: string; // 'utf-8' | 'utf-8-bom' | 'gb18030' | 'xlsx' | 'geojson'
  delimiter?: string;
  headerRow?: string[];
  /** header cell (as written) → column key, or null for a column kept aside */
  mapping?: { header: string; column: string | null; columnName?: string }[];
  missingRequired?: string[];
  sample?: Record<string, string | number | null>[]; // first rows as parsed and typed
  rows?: number;
  willImport?: number;
  willReject?: number;
  willWarn?: number;
  /** rows already imported with the same values: nothing to write (a file of only these needs no import) */
  unchanged?: number;
  /** rows kept with a reference to a customer, org or staff member that is not loaded (per kind) */
  unknownRefs?: { customer: number; org: number; staff: number };
  minDate?: string | null;
  maxDate?: string | null;
  issues?: ImportIssue[]; // first issues
  message?: string; // why a file cannot be imported
}

export interface ImportIssue {
  level: 'rejected' | 'warning';
  file: string;
  row: number | null;
  column: string | null;
  value: string | null;
  reason: string;
}

export interface ImportFileResult {
  file: string;
  dataset: DatasetId | null;
  batchId: number | null;
  rows: number;
  imported: number; // inserted + replaced
  inserted: number;
  replaced: number;
  unchanged: number;
  rejected: number;
  warnings: number;
  /** rows kept with a reference to a customer, org or staff member that is not loaded (counted per kind) */
  unknownRefs?: { customer: number; org: number; staff: number };
  /** the first rejected rows (row, column, value, reason) */
  firstRejected?: ImportIssue[];
  error?: string; // the file could not be read at all: nothing stored
}

/** GET /api/import/jobs/:id */
export interface ImportJob {
  id: string;
  state: 'running' | 'done' | 'failed';
  fileIndex: number;
  fileCount: number;
  currentFile: string | null;
  bytesDone: number;
  bytesTotal: number;
  results: ImportFileResult[];
  error?: string;
  /** the rebuild of the customer views once the files are in (absent when nothing was imported):
   *  waiting (queued, or between attempts) → running → done, or failed after the last attempt */
  rebuild?: { state: 'waiting' | 'running' | 'done' | 'failed'; attempts: number; error?: string };
}

/** GET /api/import/batches */
export interface ImportBatch {
  batchId: number;
  file: string;
  dataset: DatasetId;
  datasetName: string;
  encoding: string | null;
  minDate: string | null;
  maxDate: string | null;
  rows: number;
  inserted: number;
  replaced: number;
  unchanged: number;
  /** rows rejected, and rows kept with a warning (as the import result counts them) */
  rejected: number;
  warnings: number;
  /** issue lines of the batch (one per cell at fault, plus file-level notes): what its issue list pages over */
  issues: number;
  status: 'committed' | 'undone' | 'failed';
  username: string | null;
  startedAt: string;
  finishedAt: string | null;
  canUndo: boolean;
  undoBlockedReason?: string;
}

/** GET /api/home */
export interface HomeSummary {
  /** rows and warnings are whole-bank counts: null for a caller whose scope is narrower */
  datasets: { dataset: DatasetId; name: string; rows: number | null; latestDate: string | null; warnings: number | null }[];
  latestDate: string | null;
  headline: {
    date: string;
    customers: number;
    depositBalance: number; // 元, 2 decimals
    depositAvgMonth: number;
    depositDeviation: number | null;
    loanBalance: number;
    nplRatio: number | null;
    creditLoanRatio: number | null;
    overdueBalance: number;
    merchants: number;
    highQualityMerchants: number;
  } | null;
  branches: { orgId: string; name: string; depositBalance: number; loanBalance: number; nplRatio: number | null }[];
  /** rows that belong to no loaded org, and why; only for a whole-bank scope, null when there are none */
  unassigned: {
    customers: number;
    depositBalance: number;
    loanBalance: number;
    merchants: number;
    /** org numbers the rows name that are not loaded ('' for rows with no org and no known customer) */
    unknownOrgs: string[];
    reason: string;
  } | null;
}

/**
 * A mapping profile: how a foreign layout reads as one dataset. Every field applies exactly as
 * written; an unknown field is an error (electron/core/import/profiles.ts validates).
 */
export interface MappingProfile {
  name: string;
  dataset: DatasetId;
  /** text encoding of the file, overriding detection: utf-8 or gb18030 (gbk and gb2312 read as gb18030) */
  encoding?: 'utf-8' | 'gb18030' | 'gbk' | 'gb2312';
  /** field delimiter, overriding detection: , ; | or tab ("\t" or "tab") */
  delimiter?: string;
  /** lines (XLSX: rows) before the header row */
  skipRows?: number;
  /** replaces the file's header row, or supplies one when noHeader is true */
  header?: string[];
  /** the file has no header row: the first line after skipRows is data, named by `header` */
  noHeader?: boolean;
  /** source column (as in the header) → dataset key, or several keys fed by the same column */
  columns: Record<string, string | string[]>;
  /** source columns dropped entirely (never stored, not even aside); a standard name here is not auto-mapped */
  ignore?: string[];
  /** per dataset key: source value → accepted value; a value missing from the map is rejected */
  values?: Record<string, Record<string, string>>;
  /** per dataset key the file lacks: the value for every row */
  constants?: Record<string, string>;
  /** per date or datetime key: YYYYMMDD, YYMMDD, YYYY-MM-DD, DD.MM.YYYY, MM/DD/YYYY or DD/MM/YYYY, optionally + " HH:mm:ss" */
  dateFormats?: Record<string, string>;
  /** money unit of the file's amounts: 元 (default), 万元, 千元 or 分 */
  moneyUnit?: '元' | '万元' | '千元' | '分';
}

// --- Import transport: the shapes electron/core/api/import-routes.ts returns (typed here for the renderer) ---

/** POST /api/import/upload: multipart, one part `file` per file (filename = path relative to the
 *  chosen folder), optional field `profile` (a mapping profile name). Files stay staged on the
 *  server until committed; previews come back in import order. */
export interface UploadResult {
  uploadId: string;
  previews: ImportPreview[];
}

/** POST /api/import/commit → CommitResult. `files` (ImportPreview.file values) picks some of
 *  the upload; without it every recognised file goes in. */
export interface CommitRequest {
  uploadId: string;
  files?: string[];
  profile?: string;
}
export interface CommitResult {
  jobId: string;
}

// The audit log's shapes and filter live in shared/audit.ts.
export type { AuditEntry, AuditPage } from './audit.js';
