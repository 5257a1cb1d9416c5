// The desktop app's card-key store: the key encrypted with Electron safeStorage (macOS Keychain,
// Windows DPAPI, libsecret/kwallet on Linux) in `card-hash.safekey` in the data folder, so the
// file copied to another machine or account is useless. main.ts passes the real safeStorage;
// tests pass a stand-in, since no Electron runs here.
import fs from 'node:fs';
import path from 'node:path';
import {
  CardKeyError,
  KEY_FILE,
  keyFileStore,
  readKeyFile,
  SAFE_KEY_FILE,
  writeNewPrivateFile,
  type CardKeyStore,
} from '../core/import/card-key.js';

/** The part of Electron's safeStorage this store uses. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: 'basic_text' means a fixed, well-known password, no protection at all */
  getSelectedStorageBackend?(): string;
}

/** Whether safeStorage protects anything on this machine. */
export function safeStorageUsable(safe: SafeStorageLike | undefined): safe is SafeStorageLike {
  if (!safe?.isEncryptionAvailable()) return false;
  return process.platform !== 'linux' || safe.getSelectedStorageBackend?.() !== 'basic_text';
}

const toldFallback = new Set<string>();

/**
 * The store of one data folder. Without a usable safeStorage (a Linux desktop with no keyring)
 * it is the plain 0600 key file, as in web mode, and `onFallback` is told why. A plain key file
 * left by web mode or by an earlier version is moved in: encrypted copy written and read back,
 * then the plain file removed.
 */
export function safeStorageKeyStore(dataDir: string, safe: SafeStorageLike | undefined, onFallback?: (why: string) => void): CardKeyStore {
  if (!safeStorageUsable(safe)) {
    if (!toldFallback.has(dataDir)) onFallback?.(`safeStorage 不可用（系统未提供钥匙串），卡号密钥保存在仅本用户可读的密钥文件中：${path.join(dataDir, KEY_FILE)}`);
    toldFallback.add(dataDir);
    return keyFileStore(dataDir);
  }
  const file = path.join(dataDir, SAFE_KEY_FILE);
  const plainFile = path.join(dataDir, KEY_FILE);
  const decrypt = (): Buffer | null => {
    let blob: Buffer;
    try {
      blob = fs.readFileSync(file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
    let hex: string;
    try {
      hex = safe.decryptString(blob).trim();
    } catch (e) {
      throw new CardKeyError(
        `无法用本机系统钥匙串解密卡号密钥：${file}（${(e as Error).message}）。该文件只能由创建它的电脑和系统账户解密。 ` +
          '(The card key cannot be decrypted by this computer\'s keychain; it only opens for the account that made it.)',
      );
    }
    if (!/^[0-9a-f]{64}$/i.test(hex)) throw new CardKeyError(`卡号密钥文件内容无效：${file} (The card key file is damaged.)`);
    return Buffer.from(hex, 'hex');
  };
  const create = (key: Buffer) => writeNewPrivateFile(file, safe.encryptString(key.toString('hex')));
  return {
    where: file,
    read() {
      const key = decrypt();
      if (key) return key;
      const plain = readKeyFile(plainFile);
      if (!plain) return null;
      try {
        create(plain);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const back = decrypt();
      if (!back?.equals(plain)) {
        throw new CardKeyError(`卡号密钥冲突：${file} 与 ${plainFile} 不一致。 (Two different card keys in the data folder.)`);
      }
      fs.rmSync(plainFile); // only once the encrypted copy reads back as the same key
      return back;
    },
    create,
  };
}
