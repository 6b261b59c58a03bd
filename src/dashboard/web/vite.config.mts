import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The admin dashboard: built into dist/admin at `npm run build`, served by Loket under /admin.
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/admin/',
  // React 17+ JSX without a plugin: the dashboard needs no fast refresh, only the build.
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: process.env.DASHBOARD_OUT_DIR ?? fileURLToPath(new URL('../../../dist/admin', import.meta.url)),
    emptyOutDir: true,
    // Every asset is a file of its own: the Content-Security-Policy allows no data: URLs for scripts or styles.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      // React Router marks its modules "use client" for server components; a plain SPA bundle has none.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: {
    // `npx vite --config src/dashboard/web/vite.config.ts` next to `npm run start:dev`.
    proxy: { '/api': 'http://localhost:3000' },
  },
});
