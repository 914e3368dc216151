import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { getSettings } from '../settings/settings.ts';
import type { AccountsResources } from './accounts.ts';
import type { DocumentsResources } from './documents.ts';
import type { FeedbackResources } from './feedback.ts';
import type { MeetingsResources } from './meetings.ts';
import type { NoticesResources } from './notices.ts';
import type { RolloutResources } from './rollout.ts';
import type { SigninResources } from './signin.ts';
import type { StudyResources } from './study.ts';
import { type Resources, vi } from './vi.ts';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    // `signin` and `accounts` arrive with the screens that use them (docs/decisions/0018)
    resources: {
      translation: Resources;
      signin: SigninResources;
      accounts: AccountsResources;
      study: StudyResources;
      documents: DocumentsResources;
      meetings: MeetingsResources;
      notices: NoticesResources;
      feedback: FeedbackResources;
      rollout: RolloutResources;
    };
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

/**
 * The strings of a group of lazy screens, in both languages, registered when the first of those
 * screens' chunks loads: they stay out of the first load (docs/decisions/0018).
 */
export function addStrings<T extends object>(
  ns: 'signin' | 'accounts' | 'study' | 'documents' | 'meetings' | 'notices' | 'feedback' | 'rollout',
  strings: { vi: T; en: T },
): void {
  if (i18n.hasResourceBundle('vi', ns)) return;
  i18n.addResourceBundle('vi', ns, strings.vi);
  i18n.addResourceBundle('en', ns, strings.en);
}
