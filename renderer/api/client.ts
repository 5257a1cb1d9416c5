// The one typed door to the core API. The base URL is empty in web mode (same origin) and in
// Electron (app://console/...), so relative `/api/...` works in both; VITE_API_BASE overrides it.
import type {
  ApiError,
  AuthStatus,
  CommitRequest,
  CommitResult,
  HomeSummary,
  ImportBatch,
  ImportJob,
  ImportIssue,
  LoginResult,
  MappingProfile,
  SignedInUser,
  UploadResult,
} from '../../shared/api.js';

import type { IndicatorSettings, IndicatorSettingsView } from '../../shared/indicator-settings.js';
import type { ScopeInfo, ScopeSettings } from '../../shared/scope.js';
import { desktop } from '../desktop.js';
import { withScope } from './scope.js';

const BASE: string = import.meta.env.VITE_API_BASE ?? '';
const TOKEN_KEY = 'bc.token';
const USER_KEY = 'bc.user';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

/** Called when the server says the session is gone, so the app can go back to the login page. */
let onUnauthorized: () => void = () => {};
export function setUnauthorizedHandler(fn: () => void): void {
  onUnauthorized = fn;
}

export function getToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}
/** The signed-in user of this tab; a user stored by an older console (no capabilities) is none. */
export function getStoredUser(): SignedInUser | null {
  const raw = sessionStorage.getItem(USER_KEY);
  const u = raw ? (JSON.parse(raw) as Partial<SignedInUser>) : null;
  return u && typeof u.capabilities === 'object' && u.capabilities !== null ? (u as SignedInUser) : null;
}
export function storeSession(r: LoginResult | null): void {
  if (r) {
    sessionStorage.setItem(TOKEN_KEY, r.token);
    sessionStorage.setItem(USER_KEY, JSON.stringify(r.user));
  } else {
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(USER_KEY);
  }
}

export { setRequestScope } from './scope.js';

export async function request(path: string, init: RequestInit = {}): Promise<Response> {
  path = withScope(path);
  const headers = new Headers(init.headers);
  const token = getToken();
  if (token) headers.set('Authorization', `Bearer ${token}`);
  // Every state-changing call says JSON, bodiless ones too: the server refuses anything else
  // (a foreign page could send it without a CORS preflight). FormData sets its own multipart type.
  const method = (init.method ?? 'GET').toUpperCase();
  if (typeof init.body === 'string' || (init.body == null && method !== 'GET' && method !== 'HEAD')) {
    headers.set('Content-Type', 'application/json');
  }
  const res = await fetch(BASE + path, { ...init, headers });
  if (!res.ok) {
    let body: Partial<ApiError> = {};
    try {
      body = (await res.json()) as ApiError;
    } catch {
      // not JSON (a proxy page, an empty body): fall back to the status line
    }
    if (res.status === 401 && token) onUnauthorized();
    throw new HttpError(res.status, body.error ?? `${res.status} ${res.statusText}`, body.code);
  }
  return res;
}

/** A call answering JSON of the shape the route is declared to return (shared/*.ts). */
export async function json<T>(path: string, init: RequestInit = {}): Promise<T> {
  return (await (await request(path, init)).json()) as T;
}

/** A state-changing call with a JSON body (none when `body` is undefined). */
export const send = <T>(method: 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown) =>
  json<T>(path, { method, body: body === undefined ? undefined : JSON.stringify(body) });

const post = <T>(path: string, body?: unknown) => send<T>('POST', path, body);

export const api = {
  authStatus: () => json<AuthStatus>('/api/auth/status'),
  login: (username: string, password: string) => post<LoginResult>('/api/auth/login', { username, password }),
  setup: (password: string) => post<LoginResult>('/api/auth/setup', { password }),
  logout: () => post<unknown>('/api/auth/logout'),

  home: (date?: string | null) => json<HomeSummary>(date ? `/api/home?date=${encodeURIComponent(date)}` : '/api/home'),
  /** the caller's data scope (narrowed by the picker's org, which request() adds) */
  scope: () => json<ScopeInfo>('/api/scope'),
  scopeSettings: () => json<ScopeSettings>('/api/settings/scope'),
  saveScopeSettings: (s: ScopeSettings) => json<ScopeSettings>('/api/settings/scope', { method: 'PUT', body: JSON.stringify(s) }),
  /** how figures are judged (the deviation threshold): a setting of the core */
  indicatorSettings: () => json<IndicatorSettingsView>('/api/settings/indicators'),
  saveIndicatorSettings: (s: IndicatorSettings) => json<IndicatorSettingsView>('/api/settings/indicators', { method: 'PUT', body: JSON.stringify(s) }),

  /** One request for a whole pick (a folder is many files), so the server orders and previews them together. */
  upload(files: { file: File; path: string }[], profile?: string): Promise<UploadResult> {
    const form = new FormData();
    if (profile) form.append('profile', profile); // fields before files: busboy reads in order
    for (const f of files) form.append('file', f.file, f.path);
    return json<UploadResult>('/api/import/upload', { method: 'POST', body: form });
  },
  /** Desktop only: files and folders picked in the native dialog, imported where they lie. */
  local: (paths: string[], profile?: string) => post<UploadResult>('/api/import/local', { paths, profile }),
  commit: (req: CommitRequest) => post<CommitResult>('/api/import/commit', req),
  job: (id: string) => json<ImportJob>(`/api/import/jobs/${encodeURIComponent(id)}`),
  batches: () => json<ImportBatch[]>('/api/import/batches'),
  undo: (batchId: number) => post<unknown>(`/api/import/batches/${batchId}/undo`),
  issues: (batchId: number, offset: number, limit: number) =>
    json<ImportIssue[]>(`/api/import/batches/${batchId}/issues?offset=${offset}&limit=${limit}`),
  /** The CSV needs the bearer header, so it is fetched as a blob rather than linked. */
  async issuesCsv(batchId: number): Promise<{ blob: Blob; fileName: string }> {
    const res = await request(`/api/import/batches/${batchId}/issues.csv`);
    return { blob: await res.blob(), fileName: dispositionName(res.headers.get('content-disposition')) ?? `issues_${batchId}.csv` };
  },
  profiles: () => json<MappingProfile[]>('/api/import/profiles'),
  saveProfile: (p: MappingProfile) =>
    json<MappingProfile>('/api/import/profiles', { method: 'PUT', body: JSON.stringify(p) }),
};

/** The file name a server suggests, preferring the UTF-8 form (RFC 6266 filename*). */
export function dispositionName(h: string | null): string | null {
  if (!h) return null;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(h);
  if (star) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      // malformed escape: fall back to the plain name
    }
  }
  return /filename="([^"]*)"/i.exec(h)?.[1] ?? null;
}

/** Saves a blob: through the native save dialog on the desktop, a download in a browser. */
export async function saveBlob(blob: Blob, fileName: string): Promise<void> {
  const native = desktop();
  if (native) {
    const ext = fileName.split('.').pop() ?? '';
    await native.saveFile({ defaultName: fileName, filters: ext ? [{ name: ext.toUpperCase(), extensions: [ext] }] : undefined, data: new Uint8Array(await blob.arrayBuffer()) });
    return;
  }
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
