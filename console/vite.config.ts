import { defineConfig, type PluginOption } from 'vite';
import react from '@vitejs/plugin-react';

// npm hoists @vitejs/plugin-react next to the newer vite that vitest pulls in, so its declared
// Plugin type belongs to that other vite copy. The plugin object itself is version-neutral.
const reactPlugin = react() as unknown as PluginOption;

/** The API server the dev server forwards to; the built console is served by that same process. */
const apiTarget = process.env.HUOBAN_API_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [reactPlugin],
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
    chunkSizeWarningLimit: 1500,
  },
});
