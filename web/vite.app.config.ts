// Builds the employee app (app/index.html + src/app) into dist/app, served by microact at /app/.
// Like the console's build it is committed and reproducible (`scripts/console.sh check`).
// app/public (manifest, icons, service worker) is copied as it is: the service worker keeps its
// fixed name /app/sw.js, so its scope is /app/.
import { defineConfig } from "vite";

export default defineConfig({
  root: "app",
  base: "/app/",
  publicDir: "public",
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  build: {
    outDir: "../dist/app",
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    reportCompressedSize: false,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
