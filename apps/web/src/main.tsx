import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './app/accessibility.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';

const container = document.getElementById('root');
if (!container) throw new Error('No #root element');

// The language's messages and formatting data load inside the app (app/locale.tsx), behind the
// loading screen that index.html shows from the first paint.
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
