// Which of several mapping profiles reads a file. A folder may hold standard exports beside a
// foreign layout, so a profile applies only to the files it fits, never to all of them:
// - `--profile FILE:PATTERN` names its files by a glob on the file name (or on the path when the
//   pattern has a slash), and is then taken as given: a file it names that it cannot read fails
//   with the profile's reason;
// - a profile without a pattern fits a file when the file reads with it (its dataset's required
//   columns all filled) and every source column it names stands in the file's header, so a
//   profile for one layout does not claim a standard file of the same dataset by accident.
// A file that several profiles fit is not guessed at: it fails and asks for a pattern.
import path from 'node:path';
import picomatch from 'picomatch';
import type { MappingProfile } from '../../../shared/api.js';
import { normaliseHeader } from '../../../shared/datasets.js';
import { openFile, type ImportOptions, type OpenedFile } from './importer.js';
import { FileError } from './sniff.js';

export interface ProfileChoice {
  profile: MappingProfile;
  /** glob on the file name (or the path when it has a slash) */
  pattern?: string;
}

/** `FILE.json:PATTERN` → file and pattern; a Windows drive colon (C:\…) is not a separator. */
export function splitProfileArg(arg: string): { file: string; pattern?: string } {
  const m = /^(.+?\.(?:json|ya?ml)):(.+)$/i.exec(arg);
  return m ? { file: m[1], pattern: m[2] } : { file: arg };
}

function matcher(pattern: string): (filePath: string, fileName: string) => boolean {
  const isMatch = picomatch(pattern, { dot: true, windows: false });
  return pattern.includes('/')
    ? (filePath) => isMatch(filePath.split(path.sep).join('/'))
    : (_p, fileName) => isMatch(fileName);
}

/** True when every source column the profile names is in the header the file has (or is given). */
function namesItsColumns(opened: OpenedFile, profile: MappingProfile): boolean {
  const header = new Set(opened.reader.header.map(normaliseHeader));
  return Object.keys(profile.columns).every((source) => header.has(normaliseHeader(source)));
}

export type ProfilePick = { profile?: MappingProfile; error?: string };

/**
 * The profile for one file: the one whose pattern names it, else the one it fits, else none (the
 * file is then recognised from its header as a standard export).
 */
export async function pickProfile(
  filePath: string,
  fileName: string,
  choices: ProfileChoice[],
  opts: Omit<ImportOptions, 'fileName' | 'profile'>,
): Promise<ProfilePick> {
  if (!choices.length) return {};
  const named = choices.filter((c) => c.pattern && matcher(c.pattern)(filePath, fileName));
  if (named.length > 1) {
    return { error: `${fileName}：同时匹配多个映射方案的文件名模式（${named.map((c) => `「${c.profile.name}」${c.pattern}`).join('、')}）` };
  }
  if (named.length === 1) return { profile: named[0].profile };
  const fits: MappingProfile[] = [];
  for (const c of choices) {
    if (c.pattern) continue;
    const opened = await openFile(filePath, { ...opts, fileName, profile: c.profile }).catch((e: unknown) => {
      if (e instanceof FileError) return null;
      throw e;
    });
    if (opened && namesItsColumns(opened, c.profile)) fits.push(c.profile);
  }
  if (fits.length > 1) {
    return {
      error: `${fileName}：多个映射方案都适用（${fits.map((p) => `「${p.name}」`).join('、')}），请用 --profile 方案文件:文件名模式 指定`,
    };
  }
  if (fits.length === 1) return { profile: fits[0] };
  // no profile reads it: a standard export, or, when that fails too, the single profile's reason
  const unpatterned = choices.filter((c) => !c.pattern);
  return unpatterned.length === 1 && !(await readsAsStandard(filePath, fileName, opts)) ? { profile: unpatterned[0].profile } : {};
}

async function readsAsStandard(filePath: string, fileName: string, opts: Omit<ImportOptions, 'fileName' | 'profile'>): Promise<boolean> {
  return openFile(filePath, { ...opts, fileName }).then(
    () => true,
    () => false,
  );
}
