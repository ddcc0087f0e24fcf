import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './print.css';
import { createTheme, getDefaultZIndex, MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { App } from './App';

// The CSP forbids eval; zod's JIT would try new Function() and log a violation.
z.config({ jitless: true });

// Sober blue for actions and focus; red is kept for the app's name, errors and destructive acts,
// so a focused field never looks like a field in error. System fonts only (offline, no downloads):
// Segoe UI on Windows and Noto Sans / DejaVu on Linux all carry Vietnamese diacritics.
const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: 8,
  fontFamily: 'system-ui, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", Arial, sans-serif',
  headings: {
    fontFamily: 'system-ui, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", Arial, sans-serif',
  },
  defaultRadius: 'sm',
  focusRing: 'auto',
});

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <MantineProvider theme={theme}>
      {/* In the navbar's column (240 px): a notice never covers a list or its buttons. Below the
          dialogs' layer: the wide dialogs (80–90 rem) reach that column, and an open dialog's
          content stays above the notices, which show dimmed beside it. */}
      <Notifications
        position="bottom-left"
        containerWidth={208}
        limit={3}
        autoClose={4000}
        zIndex={getDefaultZIndex('modal') - 1}
      />
      <App />
    </MantineProvider>
  </StrictMode>,
);
