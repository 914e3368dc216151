import './theme/fonts.css';
import './theme/mantine.css';
import './theme/global.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import './i18n/index.ts';
import { registerServiceWorker } from './pwa/register.ts';
import { applyToDocument, getSettings } from './settings/settings.ts';

applyToDocument(getSettings());
registerServiceWorker();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
