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
  user: UserInfo;
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
  rejected: number;
  warnings: number;
  status: 'committed' | 'undone' | 'failed';
  username: string | null;
  startedAt: string;
  finishedAt: string | null;
  canUndo: boolean;
  undoBlockedReason?: string;
}

/** GET /api/home */
export interface HomeSummary {
  datasets: { dataset: DatasetId; name: string; rows: number; latestDate: string | null; warnings: number }[];
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
}

/** A mapping profile: how a foreign layout's headers map to a dataset's columns. */
export interface MappingProfile {
  name: string;
  dataset: DatasetId;
  /** header as written in the foreign file → column key of the dataset */
  columns: Record<string, string>;
  /** money unit of the file: 元 (default) or 万元 */
  moneyUnit?: '元' | '万元';
  encoding?: string;
  delimiter?: string;
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

/** GET /api/audit?limit=&offset=&username=&action= (audit:read), newest first */
export interface AuditEntry {
  id: number;
  at: string; // ISO 8601, UTC
  username: string | null;
  action: string; // login, login_failed, login_locked, logout, setup, import_upload, import, import_failed, undo, export, profile_save, profile_delete
  target: string | null;
  detail: string | null; // JSON or text
}
export interface AuditPage {
  items: AuditEntry[];
  total: number;
}
