import { useSyncExternalStore } from 'react';

/** What a person sets for themselves on this device; kept in localStorage. */
export interface Settings {
  /** 100 %, 125 %, 150 % of the browser's text size. */
  textSize: 1 | 2 | 3;
  highContrast: boolean;
  language: 'vi' | 'en';
}

const KEY = 'sotay.settings';
const DEFAULTS: Settings = { textSize: 1, highContrast: false, language: 'vi' };
export const TEXT_SIZE_PERCENT = { 1: 100, 2: 125, 3: 150 } as const;

function load(): Settings {
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<Settings>;
    return {
      textSize: raw.textSize === 2 || raw.textSize === 3 ? raw.textSize : 1,
      highContrast: raw.highContrast === true,
      language: raw.language === 'en' ? 'en' : 'vi',
    };
  } catch {
    return DEFAULTS;
  }
}

let current = load();
const listeners = new Set<() => void>();

/** Text size and contrast act on <html>: rem-based sizes follow the root font size. */
export function applyToDocument(s: Settings): void {
  const html = document.documentElement;
  html.style.fontSize = `${TEXT_SIZE_PERCENT[s.textSize]}%`;
  html.dataset.contrast = s.highContrast ? 'high' : 'normal';
  html.dataset.textSize = String(s.textSize);
  html.lang = s.language;
}

export function getSettings(): Settings {
  return current;
}

export function updateSettings(patch: Partial<Settings>): void {
  current = { ...current, ...patch };
  try {
    localStorage.setItem(KEY, JSON.stringify(current));
  } catch {
    // private mode: the setting lasts for this visit only
  }
  applyToDocument(current);
  for (const l of listeners) l();
}

function subscribe(l: () => void) {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function useSettings(): Settings {
  return useSyncExternalStore(subscribe, getSettings, getSettings);
}
