import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { getSettings } from '../settings/settings.ts';
import { type Resources, vi } from './vi.ts';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Resources };
  }
}

export const i18n = i18next;

void i18n.use(initReactI18next).init({
  lng: 'vi',
  fallbackLng: 'vi',
  resources: { vi: { translation: vi } },
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
});

/** Vietnamese ships with the app; English is fetched when chosen (a small separate chunk). */
export async function setLanguage(lang: 'vi' | 'en'): Promise<void> {
  if (lang === 'en' && !i18n.hasResourceBundle('en', 'translation')) {
    const { en } = await import('./en.ts');
    i18n.addResourceBundle('en', 'translation', en);
  }
  await i18n.changeLanguage(lang);
}

if (getSettings().language === 'en') void setLanguage('en');
