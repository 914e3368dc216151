import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './plugins/precompress.ts';
import { serviceWorker } from './plugins/service-worker.ts';

// `npm run dev`: Vite on :5173, the API proxied to the server (SOTAY_API_URL, default http://localhost:3000).
export default defineConfig({
  plugins: [react(), serviceWorker(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    sourcemap: false,
    chunkSizeWarningLimit: 600,
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: process.env.SOTAY_API_URL ?? 'http://localhost:3000', changeOrigin: false } },
  },
});
