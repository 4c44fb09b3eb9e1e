import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import { I18nProvider, initialLocale } from './i18n/i18n-context.js';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

createRoot(root).render(
  <StrictMode>
    <I18nProvider initial={initialLocale()}>
      <App />
    </I18nProvider>
  </StrictMode>,
);
