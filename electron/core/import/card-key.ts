// The key of the card-number HMAC lives outside the database. A card number has only ~10^8
// candidates once its masked form (first 6, last 4, Luhn) is known, so with the key beside the
// hashes a stolen database file would give every number back in seconds; without the key the
// hashes are useless. Where the key is:
//   - web mode and the command line: `card-hash.key` in the data folder (beside the database),
//     created 0600 so only the user can read it;
//   - the desktop app: `card-hash.safekey`, the key encrypted by Electron safeStorage (the OS
//     keychain / DPAPI / libsecret); electron/main.ts installs that store with setCardKeyStore,
//     so no 'electron' import reaches the core.
// Databases of earlier versions kept the key in the `setting` table: openDb moves it out in one
// step that cannot lose it (write the file, read it back, only then delete the row, overwriting
// its bytes).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/connection.js';

export const KEY_FILE = 'card-hash.key';
export const SAFE_KEY_FILE = 'card-hash.safekey';
const LEGACY_SETTING = 'card_hash_key';

/** Where one data folder keeps its key. */
export interface CardKeyStore {
  /** the file the key is in, for messages */
  readonly where: string;
  /** the key, or null when none is stored yet */
  read(): Buffer | null;
  /** stores a key where none is stored; never replaces one (throws when one appeared meanwhile) */
  create(key: Buffer): void;
}

/** The key cannot be had (missing, unreadable, or two keys disagree): the message says what to do. */
export class CardKeyError extends Error {}

type StoreFactory = (dataDir: string) => CardKeyStore;
let storeFor: StoreFactory = (dir) => keyFileStore(dir);

/** The desktop app replaces the key file by its safeStorage store (electron/main.ts). */
export function setCardKeyStore(factory: StoreFactory): void {
  storeFor = factory;
}

function parseKey(text: string, file: string): Buffer {
  const hex = text.trim();
  if (!/^[0-9a-f]{64}$/i.test(hex)) throw new CardKeyError(`卡号密钥文件内容无效：${file}（应为 64 位十六进制）。请从备份恢复该文件。 (The card key file is damaged.)`);
  return Buffer.from(hex, 'hex');
}

/** The key in a plain key file, or null when there is no such file. */
export function readKeyFile(file: string): Buffer | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  // a copy restored from a backup may have come back readable by others
  if (process.platform !== 'win32' && (fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
  return parseKey(text, file);
}

/**
 * Creates `file` with `data`, readable and writable by the owner only, on disk before it returns.
 * Never replaces an existing file: the content goes to a temporary file that is then hard-linked
 * into place, which fails if another process created the file first (EEXIST is thrown).
 */
export function writeNewPrivateFile(file: string, data: string | Buffer): void {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`);
  const fd = fs.openSync(tmp, 'wx', 0o600);
  try {
    fs.writeSync(fd, typeof data === 'string' ? Buffer.from(data) : data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.linkSync(tmp, file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw e;
    // a file system without hard links: rename, after checking nobody got there first
    if (fs.existsSync(file)) throw Object.assign(new Error(`${file} exists`), { code: 'EEXIST' });
    fs.renameSync(tmp, file);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  try {
    const dfd = fs.openSync(dir, 'r');
    fs.fsyncSync(dfd); // the new directory entry survives a power cut too
    fs.closeSync(dfd);
  } catch {
    // directories cannot be opened for fsync on Windows; NTFS journals the entry
  }
}

/** The plain key file of web mode and the command line. */
export function keyFileStore(dataDir: string): CardKeyStore {
  const file = path.join(dataDir, KEY_FILE);
  return {
    where: file,
    read() {
      const key = readKeyFile(file);
      if (key === null && fs.existsSync(path.join(dataDir, SAFE_KEY_FILE))) {
        throw new CardKeyError(
          `卡号密钥由桌面版保存在本机系统钥匙串中（${path.join(dataDir, SAFE_KEY_FILE)}），网页模式和命令行无法读取。请在桌面版中导入银行卡数据。 ` +
            '(The card key of this data folder is held by the desktop app through the OS keychain; import card files in the desktop app.)',
        );
      }
      return key;
    },
    create(key) {
      writeNewPrivateFile(file, key.toString('hex') + '\n');
    },
  };
}

// in-memory databases (tests) have no folder: their key lives and dies with the connection
const memoryKeys = new WeakMap<Db, Buffer>();

const legacyKey = (db: Db) => db.prepare('SELECT value FROM setting WHERE key = ?').pluck().get(LEGACY_SETTING) as string | undefined;

/** Card hashes exist that only the stored key reproduces (in the table, or saved for an undo). */
function hasCardHashes(db: Db): boolean {
  return db.prepare("SELECT EXISTS (SELECT 1 FROM card) OR EXISTS (SELECT 1 FROM import_replaced WHERE dataset = 'card')").pluck().get() === 1;
}

/** Stores `key` in the store (or checks it is the one already there) and reads it back. */
function storeVerified(store: CardKeyStore, key: Buffer): void {
  let stored = store.read();
  if (stored === null) {
    try {
      store.create(key);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    stored = store.read();
  }
  if (stored === null || !stored.equals(key)) {
    throw new CardKeyError(
      `卡号密钥冲突：${store.where} 中已有另一个密钥，与本数据库的不一致。每个数据库需放在自己的数据文件夹中。 ` +
        '(Another card key is already stored for this data folder; keep each database in a folder of its own.)',
    );
  }
}

/**
 * Moves a key of an earlier version out of the `setting` table: into the store first, read back
 * and compared, and only then deleted from the database with its bytes overwritten. Does nothing
 * when the table holds no key. Run by openDb on every writable file database.
 */
export function migrateLegacyCardKey(db: Db): void {
  if (db.memory || db.readonly) return;
  const hex = legacyKey(db);
  if (hex === undefined) return;
  storeVerified(storeFor(path.dirname(db.name)), parseKey(hex, `${db.name} (setting.${LEGACY_SETTING})`));
  const secure = db.pragma('secure_delete', { simple: true }) as number;
  db.pragma('secure_delete = ON'); // zeroes the deleted row on its page instead of leaving it in free space
  try {
    db.prepare('DELETE FROM setting WHERE key = ?').run(LEGACY_SETTING);
  } finally {
    db.pragma(`secure_delete = ${secure}`);
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  // Pages the setting table had before (settings are rewritten on every catalog save) may still
  // hold the key in the file's free space; only a rewrite of the file clears those.
  if (fileContains(db.name, Buffer.from(hex))) {
    db.exec('VACUUM');
    db.pragma('wal_checkpoint(TRUNCATE)');
  }
}

function fileContains(file: string, needle: Buffer): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const chunk = Buffer.alloc(1 << 20);
    let carry = Buffer.alloc(0);
    for (let pos = 0; ; ) {
      const n = fs.readSync(fd, chunk, 0, chunk.length, pos);
      if (n === 0) return false;
      const window = Buffer.concat([carry, chunk.subarray(0, n)]);
      if (window.includes(needle)) return true;
      carry = window.subarray(Math.max(0, window.length - needle.length + 1));
      pos += n;
    }
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The HMAC key of this database's card numbers. A new key is made only while no card hash
 * exists: with hashes stored, a missing key is an error, because a new key would make every
 * card already imported look new (and duplicate it) on the next import.
 */
export function cardHashKey(db: Db): Buffer {
  if (db.memory) {
    let key = memoryKeys.get(db);
    if (!key) memoryKeys.set(db, (key = crypto.randomBytes(32)));
    return key;
  }
  const legacy = legacyKey(db);
  if (legacy !== undefined) {
    // openDb moves it out; inside an import's transaction (no checkpoint, no VACUUM there) it is
    // only used, and moved at the next open
    if (db.inTransaction) return parseKey(legacy, `${db.name} (setting.${LEGACY_SETTING})`);
    migrateLegacyCardKey(db);
  }
  const store = storeFor(path.dirname(db.name));
  const key = store.read();
  if (key) return key;
  if (hasCardHashes(db)) {
    throw new CardKeyError(
      `卡号密钥文件缺失：${store.where}。数据库中已有按该密钥保存的卡号，新建密钥会让已导入的卡被当作新卡重复导入，因此未导入。请从备份恢复该文件（它应与数据库一起备份）。 ` +
        '(The card key file is missing while card numbers hashed with it exist; restore the file from a backup.)',
    );
  }
  try {
    store.create(crypto.randomBytes(32));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e; // another process made one first: use it
  }
  const made = store.read();
  if (!made) throw new CardKeyError(`卡号密钥写入后无法读回：${store.where} (The card key could not be read back.)`);
  return made;
}
