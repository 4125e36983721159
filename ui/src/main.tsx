// Entry point: pick the backend (Tauri or the demo library), then render the window.

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApi } from './api';
import { ApiProvider } from './app/ApiContext';
import { LibraryProvider } from './app/library';
import { ThemeProvider } from './app/theme';
import { App } from './App';
import './styles/app.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html must have a #root element.');

createApi().then(
  (api) => {
    createRoot(root).render(
      <StrictMode>
        <ApiProvider api={api}>
          <ThemeProvider>
            <LibraryProvider>
              <App />
            </LibraryProvider>
          </ThemeProvider>
        </ApiProvider>
      </StrictMode>,
    );
  },
  (error: unknown) => {
    const message = document.createElement('p');
    message.className = 'fatal';
    message.textContent = `Scrutineer could not start: ${error instanceof Error ? error.message : String(error)}`;
    root.replaceChildren(message);
  },
);
