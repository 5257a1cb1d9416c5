// Failed and locked-out sign-ins, counted per source (client address + user name) in windows of a
// minute and written as one audit row per source per window with the count. The log is
// append-only, so a count cannot be updated in place; and one row per attempt would let a flood
// of guesses fill the disk. The number of sources per window is capped too (random user names
// from many addresses): past the cap, attempts are counted in one row per action.
import type { Db } from '../db/connection.js';
import { shanghaiDateTime } from '../../../shared/dates.js';
import { audit } from './index.js';
import { currentOrigin, type AuditOrigin } from './origin.js';

export type FailedLoginAction = 'login_failed' | 'login_locked';

export interface FailedLoginOptions {
  windowMs?: number;
  /** distinct (action, client, user name) rows per window before the overflow row takes over */
  maxSources?: number;
  now?: () => number;
  /** write each window when it ends (off in tests, which call flush()) */
  timers?: boolean;
}

/** The user name of the overflow row: not a name anyone can sign in with (those are checked). */
export const OVERFLOW_NAME = '*';

interface Agg {
  action: FailedLoginAction;
  username: string;
  origin: AuditOrigin;
  count: number;
  first: number;
  last: number;
}

export class FailedLoginLog {
  readonly windowMs: number;
  readonly maxSources: number;
  private readonly now: () => number;
  private readonly timers: boolean;
  private window = -1;
  private aggs = new Map<string, Agg>();
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    o: FailedLoginOptions = {},
  ) {
    this.windowMs = o.windowMs ?? 60_000;
    this.maxSources = o.maxSources ?? 100;
    this.now = o.now ?? Date.now;
    this.timers = o.timers ?? true;
  }

  /** Counts one attempt; the origin is the request's (client address) unless given. */
  record(action: FailedLoginAction, username: string, origin: AuditOrigin = currentOrigin()): void {
    const t = this.now();
    const w = Math.floor(t / this.windowMs);
    if (w !== this.window) {
      void this.flush();
      this.window = w;
      this.arm(w);
    }
    this.add({ action, username, origin, count: 1, first: t, last: t });
  }

  private add(a: Agg): void {
    const key = [a.action, a.origin.source, a.origin.client ?? '', a.username].join('\u0000');
    const have = this.aggs.get(key);
    if (have) return void this.merge(have, a);
    if (this.aggs.size < this.maxSources) return void this.aggs.set(key, a);
    const okey = `${a.action}\u0000*`;
    const over = this.aggs.get(okey);
    if (over) this.merge(over, a);
    else this.aggs.set(okey, { ...a, username: OVERFLOW_NAME, origin: { source: a.origin.source, client: OVERFLOW_NAME } });
  }

  private merge(into: Agg, a: Agg): void {
    into.count += a.count;
    into.first = Math.min(into.first, a.first);
    into.last = Math.max(into.last, a.last);
  }

  private arm(w: number): void {
    if (!this.timers) return;
    if (this.timer) clearTimeout(this.timer);
    // only a window that has ended with no attempt after it: record() flushes on the first one
    this.timer = setTimeout(() => {
      if (Math.floor(this.now() / this.windowMs) > this.window) void this.flush();
    }, (w + 1) * this.windowMs - this.now() + 50);
    this.timer.unref();
  }

  /** Rows counted so far and not yet written. */
  get pending(): number {
    return this.aggs.size;
  }

  /**
   * Writes what has been counted, one row per source; resolves when written. Rows that cannot be
   * written (the log unavailable) are counted again into the current window, never dropped.
   */
  flush(): Promise<void> {
    const batch = [...this.aggs.values()];
    this.aggs = new Map();
    if (batch.length === 0) return this.writing;
    this.writing = this.writing.then(async () => {
      for (const [i, a] of batch.entries()) {
        try {
          await audit(this.db, {
            username: a.username,
            action: a.action,
            target: a.username,
            detail: { count: a.count, from: shanghaiDateTime(new Date(a.first)), to: shanghaiDateTime(new Date(a.last)) },
            origin: a.origin,
          });
        } catch {
          if (!this.db.open) return;
          for (const rest of batch.slice(i)) this.add(rest);
          return;
        }
      }
    });
    return this.writing;
  }

  /** Writes what is left and stops the timer (shutdown). */
  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.flush();
  }
}

const logs = new WeakMap<Db, FailedLoginLog>();

/** The one log of a database connection (the API's login route, its shutdown, tests). */
export function failedLoginLog(db: Db): FailedLoginLog {
  let log = logs.get(db);
  if (!log) logs.set(db, (log = new FailedLoginLog(db)));
  return log;
}
