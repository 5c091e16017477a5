// The dashboard's build: web/ into dist/web/, which the server serves at / (src/server/web.ts).
// `npm run dev:web` serves it with live reload and sends the APIs to a running `listenhouse serve`.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const server = process.env.LISTENHOUSE_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    // ECharts is most of the bundle; it loads once and is cached for good (hashed names).
    chunkSizeWarningLimit: 1200,
  },
  server: { proxy: { '/api': server, '/1': server } },
});
