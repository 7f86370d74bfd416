import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** The API server the dev server forwards to; the built console is served by that same process. */
const apiTarget = process.env.HUOBAN_API_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  resolve: {
    // One copy of each: several ProComponents packages carry their own nested icons, and one of
    // them (pro-descriptions) relies on a hoisted copy that only exists under console/.
    dedupe: [
      'react',
      'react-dom',
      'antd',
      '@ant-design/icons',
      '@ant-design/colors',
      '@ant-design/fast-color',
    ],
  },
  server: {
    proxy: {
      '/console/api': { target: apiTarget, changeOrigin: false },
      '/v3': { target: apiTarget, changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The UI kit chunk (antd + ProComponents, ~690 kB gzipped) is one file on purpose, see below.
    chunkSizeWarningLimit: 2400,
    rollupOptions: {
      output: {
        // antd and ProComponents import each other's packages through index files in cycles;
        // split across lazily loaded chunks, a cycle could run modules out of order. Keeping the
        // whole UI kit in one chunk keeps every cycle inside one file; pages stay separate chunks.
        manualChunks(id) {
          return /[\\/]node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+)[\\/]/.test(id)
            ? 'ui-kit'
            : undefined;
        },
      },
      onwarn(warning, warn) {
        // antd, react-query and react-router mark modules "use client" for server components;
        // a browser bundle has no use for it, so bundlers drop it and there is nothing to fix.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
});
