import { HttpError } from './errors.js';

export interface ThrottleOptions {
  /** consecutive failures allowed before the name is locked */
  maxFailures?: number;
  lockMs?: number;
  /** failures one client address may make within clientWindowMs, whatever names it tries */
  maxClientFailures?: number;
  clientWindowMs?: number;
  now?: () => number;
}

/** One login attempt let through by begin(): report its outcome exactly once. */
export interface LoginAttempt {
  failed(): void;
  succeeded(): void;
  /** the attempt ended without a verdict (bad input, an error): frees its place only */
  abandon(): void;
}

interface NameState {
  count: number;
  lockedUntil: number;
  inFlight: number;
}

interface ClientState {
  /** times of the failures still inside the window, oldest first */
  failures: number[];
  inFlight: number;
}

const MAX_TRACKED = 10_000;

/**
 * Slows password guessing two ways, in memory, per console instance:
 * - per user name: 5 wrong passwords in a row lock the name for 5 minutes; a right one resets;
 * - per client address: 20 failures within 15 minutes refuse that address any login until the
 *   oldest leaves the window, so one machine cannot spray guesses over many names (and cannot
 *   lock out every user). A success does not reset it: logging into one's own account between
 *   guesses must not buy more guesses.
 * Attempts still being verified count against both limits: hashing runs off the event loop, so
 * without that a burst of parallel guesses would all pass the check before the first failed.
 * (A branch sharing web mode on its intranet is the case this is for; desktop mode has one user.)
 */
export class LoginThrottle {
  private readonly names = new Map<string, NameState>();
  private readonly clients = new Map<string, ClientState>();
  private readonly max: number;
  private readonly lockMs: number;
  private readonly maxClient: number;
  private readonly clientWindowMs: number;
  private readonly now: () => number;

  constructor(o: ThrottleOptions = {}) {
    this.max = o.maxFailures ?? 5;
    this.lockMs = o.lockMs ?? 5 * 60 * 1000;
    this.maxClient = o.maxClientFailures ?? 20;
    this.clientWindowMs = o.clientWindowMs ?? 15 * 60 * 1000;
    this.now = o.now ?? Date.now;
  }

  /**
   * Lets one attempt for `username` from `client` proceed, or throws HTTP 429 when the name or
   * the client is locked, or has as many attempts in flight as it has failures left.
   */
  begin(username: string, client: string): LoginAttempt {
    const now = this.now();
    const name = this.nameState(username);
    const cl = this.clientState(client, now);
    if (cl.failures.length >= this.maxClient) {
      throw locked(cl.failures[0] + this.clientWindowMs - now, 'client_locked', '此终端登录失败次数过多');
    }
    if (name.lockedUntil > now) throw locked(name.lockedUntil - now, 'locked', '密码错误次数过多');
    if (cl.failures.length + cl.inFlight >= this.maxClient || name.count + name.inFlight >= this.max) {
      throw new HttpError(429, '登录请求过于频繁，请稍后再试。 (Too many login attempts at once; try again shortly.)', 'login_busy');
    }
    name.inFlight++;
    cl.inFlight++;
    let open = true;
    const close = (): boolean => {
      if (!open) return false;
      open = false;
      name.inFlight--;
      cl.inFlight--;
      return true;
    };
    return {
      failed: () => {
        if (!close()) return;
        const t = this.now();
        name.count++;
        if (name.count >= this.max) {
          name.lockedUntil = t + this.lockMs;
          name.count = 0;
        }
        cl.failures.push(t);
      },
      succeeded: () => {
        if (close()) name.count = 0;
      },
      abandon: () => void close(),
    };
  }

  private nameState(username: string): NameState {
    const key = username.toLowerCase();
    let s = this.names.get(key);
    if (!s) {
      s = { count: 0, lockedUntil: 0, inFlight: 0 };
      this.names.set(key, s);
      evictOldest(this.names, (v) => v.inFlight === 0);
    }
    return s;
  }

  private clientState(client: string, now: number): ClientState {
    let s = this.clients.get(client);
    if (!s) {
      s = { failures: [], inFlight: 0 };
      this.clients.set(client, s);
      evictOldest(this.clients, (v) => v.inFlight === 0);
    }
    while (s.failures.length && s.failures[0] + this.clientWindowMs <= now) s.failures.shift();
    return s;
  }
}

/** Bounds the maps a flood of made-up names or addresses could grow, sparing attempts in flight. */
function evictOldest<V>(m: Map<string, V>, idle: (v: V) => boolean): void {
  if (m.size <= MAX_TRACKED) return;
  for (const [k, v] of m) {
    if (idle(v)) {
      m.delete(k);
      return;
    }
  }
}

function locked(ms: number, code: string, zh: string): HttpError {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  return new HttpError(429, `${zh}，请 ${minutes} 分钟后再试。 (Too many failed logins; try again later.)`, code);
}
