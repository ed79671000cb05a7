// Builds the console (console/index.html + src/console) into dist/console, served by microact at
// /console/. The build is committed and must be reproducible: `scripts/console.sh check` rebuilds
// it and compares, so nothing here may depend on the time or the machine.
import { defineConfig } from "vite";

export default defineConfig({
  root: "console",
  base: "/console/",
  publicDir: false,
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  build: {
    outDir: "../dist/console",
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    reportCompressedSize: false,
    // No inline data: URLs for assets: the CSP allows the console's own files only.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
