import { createI18n } from 'vue-i18n';
import zhCN from './zh-CN.js';
import en from './en.js';

export type Locale = 'zh-CN' | 'en';
const KEY = 'bc.locale';

function initialLocale(): Locale {
  return localStorage.getItem(KEY) === 'en' ? 'en' : 'zh-CN';
}

export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
});

export function setLocale(l: Locale): void {
  i18n.global.locale.value = l;
  localStorage.setItem(KEY, l);
  document.documentElement.lang = l;
}
