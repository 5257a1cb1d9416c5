// Built-in Chinese values (enums, the 18 items, groups, default reasons) in the current locale,
// for templates: `const L = useLabels()` then `{{ L.enum(row.status) }}`. The words live in
// shared/enum-labels.ts; this only binds them to vue-i18n's locale so a switch re-renders.
import { useI18n } from 'vue-i18n';
import type { ItemGroup } from '../../shared/crm.js';
import { enumLabel, groupLabel, itemLabel, listLabel, reasonLabel } from '../../shared/enum-labels.js';

export function useLabels() {
  const { locale } = useI18n();
  return {
    enum: (value: string | null | undefined, field?: string) => enumLabel(value, locale.value, field),
    list: (value: string | null | undefined) => listLabel(value, locale.value),
    group: (group: ItemGroup | string) => groupLabel(group, locale.value),
    item: (item: { id: number; name: string }) => itemLabel(item, locale.value),
    reason: (reason: string) => reasonLabel(reason, locale.value),
    /** the separator of a run of item names: 、 in Chinese, a comma in English */
    sep: () => (locale.value.startsWith('zh') ? '、' : ', '),
  };
}
