import crypto from 'node:crypto';

// scrypt with N=2^15, r=8, p=1 needs 128·N·r = 32 MiB, which is exactly Node's default maxmem
// and is refused; 64 MiB leaves headroom. About 60 ms per hash on the 2-core office PCs we target:
// slow enough to hurt guessing, fast enough for a login.
const PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LEN = 32;
const SALT_LEN = 16;

// Hashes run on libuv's thread pool (crypto.scrypt), so the event loop keeps serving requests
// while one runs. At most two at once: the pool has four threads and file reads (the renderer's
// files, imports) need the others, so a login storm queues here instead of stalling them.
const MAX_CONCURRENT_HASHES = 2;
let running = 0;
const waiting: (() => void)[] = [];

async function scrypt(password: string, salt: Buffer, keyLen: number, N: number, r: number, p: number): Promise<Buffer> {
  // a finishing hash hands its slot straight to the next waiter, so no newcomer can slip in between
  if (running >= MAX_CONCURRENT_HASHES) await new Promise<void>((resolve) => waiting.push(resolve));
  else running++;
  try {
    return await new Promise<Buffer>((resolve, reject) =>
      crypto.scrypt(password.normalize('NFC'), salt, keyLen, { N, r, p, maxmem: maxmemFor(N, r, p) }, (err, key) =>
        err ? reject(err) : resolve(key),
      ),
    );
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

function maxmemFor(N: number, r: number, p: number): number {
  return 128 * N * r * p + 32 * 1024 * 1024;
}

/** `scrypt$N$r$p$salt$hash`, salt and hash in base64. */
export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(SALT_LEN);
  const { N, r, p } = PARAMS;
  const hash = await scrypt(password, salt, KEY_LEN, N, r, p);
  return ['scrypt', N, r, p, salt.toString('base64'), hash.toString('base64')].join('$');
}

/**
 * Checks a password against a stored hash. The stored parameters are used (not the current
 * defaults) so hashes made before a parameter change still verify. A malformed hash is a
 * mismatch, never an exception, so one corrupt row cannot break the login page.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  if (![N, r, p].every((n) => Number.isSafeInteger(n) && n > 0) || N > 2 ** 20 || r > 32 || p > 16) return false;
  const salt = Buffer.from(parts[4], 'base64');
  const expected = Buffer.from(parts[5], 'base64');
  if (expected.length === 0 || salt.length === 0) return false;
  let actual: Buffer;
  try {
    actual = await scrypt(password, salt, expected.length, N, r, p);
  } catch {
    return false;
  }
  return crypto.timingSafeEqual(actual, expected);
}

/** A real hash of a random password, verified against when the user does not exist, so the
 *  time a refused login takes does not tell whether the user name exists. */
let dummy: Promise<string> | null = null;
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(crypto.randomBytes(16).toString('hex'));
  return dummy;
}
