// Sentences of the import summary shared by the preview, the results and the history.
import type { ImportFileResult } from '../shared/api.js';

type T = (key: string, named?: Record<string, unknown>) => string;

/** "3 行指向未导入的客户，1 行指向未导入的员工", or '' when every reference is loaded. */
export function unknownRefsText(refs: ImportFileResult['unknownRefs'], t: T): string {
  if (!refs) return '';
  const parts = (['customer', 'org', 'staff'] as const).filter((k) => refs[k] > 0).map((k) => t(`import.refs.${k}`, { n: refs[k].toLocaleString('en-US') }));
  return parts.length ? t('import.refs.sentence', { parts: parts.join(t('import.refs.sep')) }) : '';
}

/** A file that went through with nothing to write: every kept row was already there as it is. */
export function allUnchanged(r: Pick<ImportFileResult, 'imported' | 'unchanged' | 'error'>): boolean {
  return !r.error && r.imported === 0 && r.unchanged > 0;
}
