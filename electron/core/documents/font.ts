// The CJK font a PDF embeds (a subset of it). Office PCs have no font we ship: we use the one the
// system has. Every candidate is a TrueType collection, so each names the face to take from it.
import fs from 'node:fs';
import path from 'node:path';
import { HttpError } from '../auth/errors.js';

export interface CjkFont {
  /** a .ttc (or .ttf/.otf) file */
  file: string;
  /** the PostScript name of the face inside a collection; null for a single-font file */
  face: string | null;
}

/** The environment variable that names another font: FILE or FILE#PostScriptName (for a .ttc). */
export const FONT_ENV = 'BRANCH_CONSOLE_PDF_FONT';

/** Where the common systems keep a Simplified Chinese font, in order of preference. */
export function defaultCandidates(env: NodeJS.ProcessEnv = process.env): CjkFont[] {
  const winFonts = path.join(env.WINDIR ?? env.SystemRoot ?? 'C:\\Windows', 'Fonts');
  return [
    // Debian/Ubuntu (fonts-noto-cjk), Fedora, Arch
    { file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' },
    { file: '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' },
    { file: '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' },
    // Windows: 微软雅黑, then 宋体
    { file: path.join(winFonts, 'msyh.ttc'), face: 'MicrosoftYaHei' },
    { file: path.join(winFonts, 'simsun.ttc'), face: 'SimSun' },
    // macOS
    { file: '/System/Library/Fonts/STHeiti Light.ttc', face: 'STHeitiSC-Light' },
  ];
}

/** The font named by BRANCH_CONSOLE_PDF_FONT, if set. */
export function fontFromEnv(value: string | undefined): CjkFont | null {
  if (!value) return null;
  const hash = value.lastIndexOf('#');
  return hash > 0 ? { file: value.slice(0, hash), face: value.slice(hash + 1) || null } : { file: value, face: null };
}

/** A 503 in the API (the server cannot make a PDF until a font is installed), its sentence shown. */
export class NoCjkFontError extends HttpError {
  constructor(tried: string[]) {
    super(
      503,
      `无法生成 PDF：本机没有可用的中文字体。已查找：${tried.join('；')}。` +
        `请安装 Noto Sans CJK（Linux：apt-get install fonts-noto-cjk）或微软雅黑/宋体，或用环境变量 ${FONT_ENV}=字体文件[#字体名] 指定。` +
        ` (No Chinese font found for the PDF; install one or set ${FONT_ENV}.)`,
      'no_cjk_font',
    );
    this.name = 'NoCjkFontError';
  }
}

/**
 * The first candidate whose file exists. The environment's choice comes first and is not
 * silently replaced: a path that does not exist is an error naming it.
 */
export function findCjkFont(candidates: CjkFont[] = defaultCandidates(), env: NodeJS.ProcessEnv = process.env): CjkFont {
  const chosen = fontFromEnv(env[FONT_ENV]);
  if (chosen) {
    if (!fs.existsSync(chosen.file)) throw new NoCjkFontError([`${FONT_ENV}=${chosen.file}`]);
    return chosen;
  }
  const found = candidates.find((c) => fs.existsSync(c.file));
  if (!found) throw new NoCjkFontError(candidates.map((c) => c.file));
  return found;
}
