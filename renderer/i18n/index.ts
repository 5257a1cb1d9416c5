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

/** The page's language and title (the window and task bar name) follow the locale. */
function applyToDocument(l: Locale): void {
  document.documentElement.lang = l;
  document.title = `${i18n.global.t('app.title')} · ${i18n.global.t('app.bank')}`;
}
applyToDocument(i18n.global.locale.value as Locale);

export function setLocale(l: Locale): void {
  i18n.global.locale.value = l;
  localStorage.setItem(KEY, l);
  applyToDocument(l);
}
