// Who exports, when, in which language: what every document says about itself beside the spec.
import type { DashboardSpec } from '../../../shared/dashboard.js';
import { shanghaiDateTime } from '../../../shared/dates.js';
import { scopeLine, wordsOf, type Lang } from './labels.js';

export interface DocMeta {
  /** the user name (or 'cli') of whoever exported */
  user: string;
  /** the moment of export; printed as Asia/Shanghai wall time whatever the machine's zone */
  at: Date;
  lang: Lang;
}

/** The title block: the same pairs on the XLSX cover and at the top of every PDF page. */
export function titleBlock(spec: DashboardSpec, meta: DocMeta): [string, string][] {
  const w = wordsOf(meta.lang);
  return [
    [w.title, spec.title],
    [w.scope, scopeLine(spec, meta.lang)],
    [w.date, spec.date],
    [w.base, spec.base ?? w.noBase],
    [w.who, meta.user],
    [w.when, `${shanghaiDateTime(meta.at)}${w.whenSuffix}`],
  ];
}
