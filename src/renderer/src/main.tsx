import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './print.css';
import { createTheme, MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { App } from './App';

// The CSP forbids eval; zod's JIT would try new Function() and log a violation.
z.config({ jitless: true });

const theme = createTheme({
  primaryColor: 'red',
  primaryShade: 8,
  fontFamily: 'system-ui, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", Arial, sans-serif',
  defaultRadius: 'sm',
  focusRing: 'always',
});

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <MantineProvider theme={theme}>
      <Notifications position="bottom-right" limit={3} autoClose={3000} />
      <App />
    </MantineProvider>
  </StrictMode>,
);
