import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { loadIntlPolyfills } from './app/polyfills';

const container = document.getElementById('root');
if (!container) throw new Error('No #root element');

// Locale data must be in place before the first date or amount is formatted.
loadIntlPolyfills()
  .catch((error: unknown) => console.error('Intl polyfills failed to load; formatting may fall back.', error))
  .finally(() => {
    createRoot(container).render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
  });
