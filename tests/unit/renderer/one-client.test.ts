// One API client in the renderer: every call goes through api/client.ts's request() (token, JSON
// content type, the data scope, errors as HttpError with the server's sentence and code, the
// 401 hand-off), and only renderer/api/ names a route. The customer calls used to live in
// stores/crm.ts with helpers of their own.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../../renderer');

// The client is DOM code (sessionStorage, document): loaded by a path the node type-check does
// not follow, and typed here by what the test uses.
interface Client {
  setRequestScope(org: string | null): void;
  setUnauthorizedHandler(fn: () => void): void;
  HttpError: new (...a: never[]) => Error;
}
interface Crm {
  crmApi: {
    gaps(p: URLSearchParams): Promise<{ total: number }>;
    customer(id: string): Promise<unknown>;
    reveal(id: string): Promise<unknown>;
    saveStars(b: number[]): Promise<unknown>;
  };
}
const CLIENT = '../../../renderer/api/client.js';
const CRM = '../../../renderer/api/crm.js';
const load = async () => ({ ...((await import(/* @vite-ignore */ CLIENT)) as Client), ...((await import(/* @vite-ignore */ CRM)) as Crm) });

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.(ts|vue)$/.test(e.name) ? [p] : [];
  });
}

it('only renderer/api/ writes a route path', () => {
  const found: string[] = [];
  for (const f of sources(ROOT)) {
    const rel = path.relative(ROOT, f).split(path.sep).join('/');
    if (rel.startsWith('api/')) continue;
    fs.readFileSync(f, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        // a string or template literal starting with /api/ (comments may name routes)
        if (/['"`]\/api\//.test(line)) found.push(`${rel}:${i + 1}: ${line.trim()}`);
      });
  }
  expect(found).toEqual([]);
});

describe('the customer calls share the client’s handling', () => {
  const calls: { url: string; init: RequestInit }[] = [];
  let answer: () => Response;
  beforeEach(() => {
    calls.length = 0;
    const store = new Map<string, string>([['bc.token', 'TOKEN1']]);
    vi.stubGlobal('sessionStorage', { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => store.set(k, v), removeItem: (k: string) => store.delete(k) });
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return answer();
    });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('sends the token and the picked scope, and reads the typed answer', async () => {
    const { crmApi, setRequestScope } = await load();
    answer = () => Response.json({ date: '2024-07-31', total: 0, rows: [], next: null });
    setRequestScope('QZ101');
    try {
      const page = await crmApi.gaps(new URLSearchParams('lacks=10&limit=100'));
      expect(page.total).toBe(0);
    } finally {
      setRequestScope(null);
    }
    expect(calls[0].url).toBe('/api/gaps?lacks=10&limit=100&org=QZ101');
    expect(new Headers(calls[0].init.headers).get('Authorization')).toBe('Bearer TOKEN1');
  });

  it('a refusal becomes the client’s HttpError with the server’s sentence and code', async () => {
    const { crmApi, HttpError } = await load();
    answer = () => Response.json({ error: '筛选条件有误：stars: 星级应在 1–5 之间', code: 'bad_filter' }, { status: 400 });
    const err = await crmApi.gaps(new URLSearchParams('stars=9')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect(err).toMatchObject({ status: 400, code: 'bad_filter', message: '筛选条件有误：stars: 星级应在 1–5 之间' });
  });

  it('a lost session on a customer call goes back to the login like any other call', async () => {
    const { crmApi, setUnauthorizedHandler } = await load();
    const gone = vi.fn();
    setUnauthorizedHandler(gone);
    answer = () => Response.json({ error: '请先登录', code: 'unauthorized' }, { status: 401 });
    await expect(crmApi.customer('C001')).rejects.toMatchObject({ status: 401 });
    expect(gone).toHaveBeenCalledTimes(1);
  });

  it('state-changing calls say JSON (the server refuses anything else)', async () => {
    const { crmApi } = await load();
    answer = () => Response.json([1000000, 5000000, 20000000, 50000000]);
    await crmApi.saveStars([1000000, 5000000, 20000000, 50000000]);
    await crmApi.reveal('C001');
    expect(calls.map((c) => [c.init.method, new Headers(c.init.headers).get('Content-Type')])).toEqual([
      ['PUT', 'application/json'],
      ['POST', 'application/json'],
    ]);
    expect(calls[0].init.body).toBe('[1000000,5000000,20000000,50000000]');
  });
});
