/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The UI is served by Tauri from ui/dist in the app, by `vite dev` while developing and by
// `vite preview` for the Playwright tests. Nothing is loaded from a remote origin: the app's CSP
// forbids it, so the build must be self-contained.
const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
].join('; ');

export default defineConfig({
  plugins: [react()],
  base: './',
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  // The preview serves the built UI under the app's own Content-Security-Policy (tauri.conf.json,
  // less the IPC origins), so the Playwright tests fail if anything needs inline script or eval.
  preview: { port: 4173, strictPort: true, headers: { 'Content-Security-Policy': APP_CSP } },
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    restoreMocks: true,
  },
});
