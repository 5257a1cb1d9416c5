// The words figures need (unit names, 个百分点), from the page's i18n: one place for the
// components, so a KPI card and a chart tooltip say the same.
import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import type { FigureWords } from './figures.js';

export function useFigureWords() {
  const { t } = useI18n();
  return computed<FigureWords>(() => ({
    money: { yuan: t('dash.unit.yuan'), wan: t('dash.unit.wan'), yi: t('dash.unit.yi') },
    points: t('dash.kpi.points'),
    items: t('dash.kpi.items'),
  }));
}
