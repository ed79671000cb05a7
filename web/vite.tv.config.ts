// Builds the break-room screen (tv/index.html + src/tv) into dist/tv, served by microact at /tv/.
// Like the console's build it is committed and must be reproducible (scripts/console.sh check).
import { defineConfig } from "vite";

export default defineConfig({
  root: "tv",
  base: "/tv/",
  publicDir: false,
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  build: {
    outDir: "../dist/tv",
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    reportCompressedSize: false,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
