import busboy from 'busboy';
import fs from 'node:fs';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { BadRequestError, HttpError } from '../auth/errors.js';

export const MAX_UPLOAD_BYTES = 2 * 1024 ** 3;

export interface SavedFile {
  /** relative path as uploaded, '/'-separated, made safe */
  file: string;
  path: string;
  size: number;
}

export interface ReceivedUpload {
  files: SavedFile[];
  fields: Record<string, string>;
}

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;

/**
 * A browser sends a folder's files with names like `2024-07/loan_20240731.csv`. Keep that
 * relative path (the user recognises files by it) but never let it leave the upload folder or
 * produce a name Windows cannot create.
 */
export function safeRelativePath(name: string): string | null {
  const segs = name
    .split(/[\\/]+/)
    .map((s) =>
      s
        .replace(/[\u0000-\u001f<>:"|?*]/g, '_')
        .trim()
        .replace(/[. ]+$/, ''),
    )
    .filter((s) => s !== '' && s !== '.' && s !== '..')
    .map((s) => (WINDOWS_RESERVED.test(s) ? `_${s}` : s));
  return segs.length ? segs.join('/') : null;
}

function uniqueName(wanted: string, taken: Set<string>): string {
  if (!taken.has(wanted)) return wanted;
  const ext = path.posix.extname(wanted);
  const stem = wanted.slice(0, wanted.length - ext.length);
  for (let i = 2; ; i++) {
    const candidate = `${stem} (${i})${ext}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/**
 * Streams a multipart/form-data body to files under `dir`, never holding a file in memory: the
 * request body flows through busboy into write streams with backpressure, so a 500 MB export
 * costs a few MiB of RAM. Only parts named `file` are saved; other fields are returned as text.
 */
export async function receiveUpload(req: Request, dir: string, maxBytes = MAX_UPLOAD_BYTES): Promise<ReceivedUpload> {
  const type = req.headers.get('content-type') ?? '';
  if (!/^multipart\/form-data/i.test(type) || !req.body) {
    throw new BadRequestError('请以 multipart/form-data 方式上传文件。 (Expected a multipart upload.)', 'not_multipart');
  }
  const declared = Number(req.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);

  fs.mkdirSync(dir, { recursive: true });
  const files: SavedFile[] = [];
  const fields: Record<string, string> = {};
  const taken = new Set<string>();
  const writes: Promise<void>[] = [];
  let total = 0;
  let failure: Error | null = null;

  const bb = busboy({
    headers: { 'content-type': type },
    preservePath: true,
    // Browsers send UTF-8 file names; busboy's default (latin1) would garble 贷款借据.csv.
    defParamCharset: 'utf8',
    limits: { fileSize: maxBytes, fields: 50, fieldSize: 64 * 1024, files: 10_000 },
  });

  bb.on('field', (name, value) => {
    fields[name] = value;
  });
  bb.on('file', (name, stream, info) => {
    const rel = name === 'file' ? safeRelativePath(info.filename ?? '') : null;
    if (!rel || failure) {
      stream.resume();
      return;
    }
    const file = uniqueName(rel, taken);
    taken.add(file);
    const target = path.join(dir, ...file.split('/'));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const saved: SavedFile = { file, path: target, size: 0 };
    files.push(saved);
    const counter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        saved.size += chunk.length;
        total += chunk.length;
        if (total > maxBytes) done(tooLarge(maxBytes));
        else done(null, chunk);
      },
    });
    stream.on('limit', () => counter.destroy(tooLarge(maxBytes)));
    writes.push(
      pipeline(stream, counter, fs.createWriteStream(target)).catch((e: Error) => {
        failure ??= e;
        stream.resume();
      }),
    );
  });

  try {
    await pipeline(Readable.fromWeb(req.body as WebReadableStream<Uint8Array>), bb);
  } catch (e) {
    failure ??= e instanceof HttpError ? e : new BadRequestError('上传中断或格式不正确。 (Upload interrupted or malformed.)', 'bad_upload');
  }
  await Promise.all(writes);
  if (failure) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw failure instanceof HttpError
      ? failure
      : new BadRequestError(`保存上传文件失败：${failure.message} (could not save the upload)`, 'bad_upload');
  }
  return { files, fields };
}

function tooLarge(maxBytes: number): HttpError {
  return new HttpError(413, `上传文件过大，总大小不能超过 ${Math.round(maxBytes / 1024 ** 3)} GiB。 (Upload too large.)`, 'too_large');
}
