import { defineConfig } from 'vite';

// Served by the control plane at /console (ConsoleRoutes); the jar carries the build in
// META-INF/tributary-console, which no other Quarkus handler serves.
export default defineConfig({
  base: '/console/',
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: 'target/classes/META-INF/tributary-console',
    emptyOutDir: true,
    // Monaco's chunk (about 3.4 MB), loaded with the pipeline editor only.
    chunkSizeWarningLimit: 3600,
    rollupOptions: {
      // React Server Components' "use client" markers mean nothing in a browser-only bundle.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: {
    // The templates (examples/) and the pipeline schema (pipeline-api) are read from the repository.
    fs: { allow: ['.', '../examples', '../pipeline-api/src/main/resources/dev/tributary/pipeline'] },
    proxy: { '/api': 'http://127.0.0.1:8080', '/console/config.json': 'http://127.0.0.1:8080' },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    include: ['src/**/*.test.tsx', 'src/**/*.test.ts'],
    css: false,
  },
});
