import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import { sessionStore } from './api/session.js';
import { TENANT_ID } from './config.js';
import { I18nProvider, initialLocale } from './i18n/i18n-context.js';
import './styles/app.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

createRoot(root).render(
  <StrictMode>
    <I18nProvider initial={initialLocale()}>
      <App sessions={sessionStore(window.sessionStorage)} tenantId={TENANT_ID} />
    </I18nProvider>
  </StrictMode>,
);
