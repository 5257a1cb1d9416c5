// An alert's rule version in words. Runs store the parameters they use as a version before using
// them (core monitoring/settings.ts pinRuleSettings), so version 0 only remains on alerts raised
// before that: the code defaults of that time were never recorded, and the page says so rather
// than showing today's defaults as theirs.
type T = (key: string, named?: Record<string, unknown>) => string;

export function ruleVersionText(version: number, t: T): string {
  return version > 0 ? t('mon.detail.version', { v: version }) : t('mon.detail.versionUnrecorded');
}
