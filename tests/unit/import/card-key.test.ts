// The card-number HMAC key lives outside the database: a key file (0600) beside it in web mode and
// on the command line, the OS keychain through safeStorage on the desktop. Real SQLite files, real
// key files; the hashes are recomputed here with node:crypto from the key read off the disk.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../../electron/core/db/connection.js';
import { CardKeyError, KEY_FILE, keyFileStore, SAFE_KEY_FILE, setCardKeyStore } from '../../../electron/core/import/card-key.js';
import { importFile } from '../../../electron/core/import/index.js';
import { safeStorageKeyStore, type SafeStorageLike } from '../../../electron/shell/safe-key-store.js';
import { CUSTOMER_CSV, newDb, ORG_CSV, STAFF_CSV, tmpDir, write } from './helpers.js';

const CARD = '6228480402564890018';
const CARD2 = '6250946000000016';
const cardCsv = (no: string) => `卡号,客户号,卡种,发卡日期\n${no},C001,借记卡,2024-01-01\n`;
const hmac = (key: Buffer, no: string) => crypto.createHmac('sha256', key).update(no).digest('base64url').slice(0, 32);
const keyOnDisk = (dir: string) => Buffer.from(fs.readFileSync(path.join(dir, KEY_FILE), 'utf8').trim(), 'hex');
const settingKey = (db: Db) => db.prepare("SELECT value FROM setting WHERE key = 'card_hash_key'").pluck().get();

/** Every byte SQLite has on disk for this database, once the WAL is folded in. */
function dbBytes(db: Db, file: string): Buffer {
  db.pragma('wal_checkpoint(TRUNCATE)');
  return Buffer.concat([file, `${file}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));
}

async function base(db: Db, dir: string) {
  for (const [n, t] of [['org.csv', ORG_CSV], ['staff.csv', STAFF_CSV], ['customer.csv', CUSTOMER_CSV]]) {
    expect((await importFile(db, write(dir, n, t))).error).toBeUndefined();
  }
}

afterEach(() => setCardKeyStore((dir) => keyFileStore(dir)));

describe('web mode and command line: a key file beside the database', () => {
  it('a fresh database keeps no key: the key file is 0600 and the hashes are made with its key', async () => {
    const { db, dir, file } = newDb();
    await base(db, dir);
    expect((await importFile(db, write(dir, 'card.csv', cardCsv(CARD)))).imported).toBe(1);
    expect(settingKey(db)).toBeUndefined();
    const keyFile = path.join(dir, KEY_FILE);
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    const key = keyOnDisk(dir);
    expect(key.length).toBe(32);
    expect(db.prepare('SELECT card_no FROM card').pluck().get()).toBe(hmac(key, CARD));
    const bytes = dbBytes(db, file);
    expect(bytes.includes(Buffer.from(key.toString('hex')))).toBe(false);
    expect(bytes.includes(key)).toBe(false);
    db.close();
  });

  it('moves the key of an earlier version out of the database: same key, hashes still match, row and bytes gone', async () => {
    const { db, dir, file } = newDb();
    await base(db, dir);
    // what an earlier version left: the key in setting, a card hashed with it, and settings saved
    // again afterwards, so older copies of the setting page sit in the file's free space
    const legacy = crypto.randomBytes(32);
    db.prepare("INSERT INTO setting (key, value) VALUES ('card_hash_key', ?)").run(legacy.toString('hex'));
    db.prepare("INSERT INTO card (card_no, card_no_masked, cust_id, card_type, issue_date) VALUES (?, '622848*********0018', 'C001', '借记卡', '2024-01-01')").run(hmac(legacy, CARD));
    for (let i = 0; i < 20; i++) db.prepare("INSERT OR REPLACE INTO setting (key, value) VALUES ('crm.filler', ?)").run('x'.repeat(3000 + i * 100));
    db.close();
    expect(fs.existsSync(path.join(dir, KEY_FILE))).toBe(false);

    const reopened = openDb(file);
    expect(settingKey(reopened)).toBeUndefined();
    expect(keyOnDisk(dir).equals(legacy)).toBe(true);
    expect(fs.statSync(path.join(dir, KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(dbBytes(reopened, file).includes(Buffer.from(legacy.toString('hex')))).toBe(false);
    // the same card imports onto the same row (its other columns are filled in: replaced, not
    // inserted): the hash is made with the same key
    const r = await importFile(reopened, write(dir, 'card.csv', cardCsv(CARD)));
    expect(r).toMatchObject({ inserted: 0, replaced: 1 });
    expect(reopened.prepare('SELECT card_no FROM card').pluck().all()).toEqual([hmac(legacy, CARD)]);
    reopened.close();
  });

  it('keeps the key in the database when it cannot be stored outside, and refuses a second, different key', () => {
    const { db, dir, file } = newDb();
    const legacy = crypto.randomBytes(32).toString('hex');
    db.prepare("INSERT INTO setting (key, value) VALUES ('card_hash_key', ?)").run(legacy);
    db.close();
    // a folder where the key file should be: writing it fails
    fs.mkdirSync(path.join(dir, KEY_FILE));
    expect(() => openDb(file)).toThrow();
    fs.rmdirSync(path.join(dir, KEY_FILE));
    // a key file holding another key: which one made the hashes cannot be told, so nothing moves
    fs.writeFileSync(path.join(dir, KEY_FILE), crypto.randomBytes(32).toString('hex'), { mode: 0o600 });
    expect(() => openDb(file)).toThrow(CardKeyError);
    fs.rmSync(path.join(dir, KEY_FILE));
    const again = openDb(file);
    expect(settingKey(again)).toBeUndefined();
    expect(keyOnDisk(dir).toString('hex')).toBe(legacy);
    again.close();
  });

  it('a missing key file while card hashes exist is a clear error, not a new key made in silence', async () => {
    const { db, dir } = newDb();
    await base(db, dir);
    expect((await importFile(db, write(dir, 'card.csv', cardCsv(CARD)))).imported).toBe(1);
    fs.rmSync(path.join(dir, KEY_FILE));
    const r = await importFile(db, write(dir, 'card2.csv', cardCsv(CARD2)));
    expect(r.error).toMatch(/卡号密钥文件缺失/);
    expect(r.error).toContain(path.join(dir, KEY_FILE));
    expect(fs.existsSync(path.join(dir, KEY_FILE))).toBe(false);
    expect(db.prepare('SELECT count(*) FROM card').pluck().get()).toBe(1);
    db.close();
  });

  it('tightens a key file restored with permissions for others', () => {
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, KEY_FILE), crypto.randomBytes(32).toString('hex'), { mode: 0o644 });
    fs.chmodSync(path.join(dir, KEY_FILE), 0o644);
    expect(keyFileStore(dir).read()?.length).toBe(32);
    expect(fs.statSync(path.join(dir, KEY_FILE)).mode & 0o777).toBe(0o600);
  });
});

// A stand-in for Electron's safeStorage (no Electron runs here): AES-256-GCM under a key that
// plays the OS account's keychain secret, so a "different account" cannot decrypt.
function keychain(secret = crypto.randomBytes(32)): SafeStorageLike & { calls: number } {
  return {
    calls: 0,
    isEncryptionAvailable: () => true,
    encryptString(plain) {
      this.calls++;
      const iv = crypto.randomBytes(12);
      const c = crypto.createCipheriv('aes-256-gcm', secret, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    decryptString(blob) {
      const d = crypto.createDecipheriv('aes-256-gcm', secret, blob.subarray(0, 12));
      d.setAuthTag(blob.subarray(12, 28));
      return Buffer.concat([d.update(blob.subarray(28)), d.final()]).toString('utf8');
    },
  };
}

describe('desktop: the key encrypted by safeStorage', () => {
  it('keeps only the encrypted key in the data folder, and web mode on that folder says so instead of making a key', async () => {
    const safe = keychain();
    setCardKeyStore((d) => safeStorageKeyStore(d, safe));
    const { db, dir } = newDb();
    await base(db, dir);
    expect((await importFile(db, write(dir, 'card.csv', cardCsv(CARD)))).imported).toBe(1);
    expect(fs.existsSync(path.join(dir, KEY_FILE))).toBe(false);
    const blob = fs.readFileSync(path.join(dir, SAFE_KEY_FILE));
    expect(fs.statSync(path.join(dir, SAFE_KEY_FILE)).mode & 0o777).toBe(0o600);
    const key = Buffer.from(safe.decryptString(blob), 'hex');
    expect(db.prepare('SELECT card_no FROM card').pluck().get()).toBe(hmac(key, CARD));
    expect(blob.includes(Buffer.from(key.toString('hex')))).toBe(false);

    setCardKeyStore((d) => keyFileStore(d));
    const r = await importFile(db, write(dir, 'card2.csv', cardCsv(CARD2)));
    expect(r.error).toMatch(/桌面版/);
    expect(fs.existsSync(path.join(dir, KEY_FILE))).toBe(false);
    db.close();
  });

  it('moves a plain key file into the keychain (same key), and another account cannot open it', async () => {
    const { db, dir } = newDb();
    await base(db, dir);
    expect((await importFile(db, write(dir, 'card.csv', cardCsv(CARD)))).imported).toBe(1);
    const plain = keyOnDisk(dir);

    const safe = keychain();
    setCardKeyStore((d) => safeStorageKeyStore(d, safe));
    expect((await importFile(db, write(dir, 'card.csv', cardCsv(CARD)))).unchanged).toBe(1);
    expect(fs.existsSync(path.join(dir, KEY_FILE))).toBe(false);
    expect(Buffer.from(safe.decryptString(fs.readFileSync(path.join(dir, SAFE_KEY_FILE))), 'hex').equals(plain)).toBe(true);

    setCardKeyStore((d) => safeStorageKeyStore(d, keychain()));
    const r = await importFile(db, write(dir, 'card2.csv', cardCsv(CARD2)));
    expect(r.error).toMatch(/无法用本机系统钥匙串解密/);
    db.close();
  });

  it('falls back to the 0600 key file where safeStorage protects nothing', () => {
    const dir = tmpDir();
    const told: string[] = [];
    const basic = { ...keychain(), getSelectedStorageBackend: () => 'basic_text' };
    const store = safeStorageKeyStore(dir, process.platform === 'linux' ? basic : { ...basic, isEncryptionAvailable: () => false }, (w) => told.push(w));
    expect(store.where).toBe(path.join(dir, KEY_FILE));
    expect(told).toHaveLength(1);
  });
});
