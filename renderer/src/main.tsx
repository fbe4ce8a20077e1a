import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { I18nProvider } from './i18n/index.js';
import { StatusProvider } from './status.js';
import { applyTheme, savedTheme } from './prefs.js';
import './styles.css';

applyTheme(savedTheme());

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <I18nProvider>
      <StatusProvider>
        <App />
      </StatusProvider>
    </I18nProvider>
  </StrictMode>,
);
