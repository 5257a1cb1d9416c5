// 对账 calls on the one client (same token, errors and data scope): the comparison of a date, a
// figure entered, a sheet imported (base64 in JSON: official sheets are small), a figure deleted.
import type { OfficialEntry, OfficialFigure, OfficialImportResult, ReconcileResult } from '../../shared/reconcile.js';
import { json, send } from './client.js';

/** A file's bytes as base64, in chunks (String.fromCharCode of a whole file overflows the stack). */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

export const reconcileApi = {
  get: (date?: string) => json<ReconcileResult>(`/api/reconcile${date ? `?date=${encodeURIComponent(date)}` : ''}`),
  enter: (e: OfficialEntry) => send<OfficialFigure>('POST', '/api/reconcile', e),
  async importSheet(file: File, date: string, source?: string): Promise<OfficialImportResult> {
    return send<OfficialImportResult>('POST', '/api/reconcile/import', { fileName: file.name, content: await base64Of(file), date, ...(source ? { source } : {}) });
  },
  remove: (id: number) => send<{ ok: true }>('DELETE', `/api/reconcile/${id}`),
};
