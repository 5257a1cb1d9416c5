// An import batch's file as the reader sees it: a visit recorded on the map is a batch of its own,
// named by the core with a constant (shared/grid.ts), shown in the reader's language.
import { RECORDED_VISIT_FILE } from '../../shared/grid.js';

export function batchFileLabel(file: string, t: (key: string) => string): string {
  return file === RECORDED_VISIT_FILE ? t('import.recordedOnMap') : file;
}
