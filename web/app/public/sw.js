// The employee app's service worker: it keeps the app shell (the page, its hashed scripts and
// styles, the manifest and icons) so the app opens without a connection. It never touches the
// API: /v1 and /console/auth calls go to the network as they are (an outcome recorded offline is
// kept by the page itself, with its Idempotency-Key, and sent when the phone is online again).
// The shell's version is the page's own list of assets: a new build names new files.
const CACHE = "microact-app-shell";
const SHELL = ["/app/", "/app/manifest.webmanifest", "/app/icon.svg", "/app/icon-192.png", "/app/icon-512.png"];

// The page's own scripts and styles, read from its markup (Vite names them by content hash).
async function shellAssets(page) {
  const html = await page.text();
  return [...html.matchAll(/(?:src|href)="(\/app\/assets\/[^"]+)"/g)].map((m) => m[1]);
}

async function cacheShell() {
  const cache = await caches.open(CACHE);
  const page = await fetch("/app/", { cache: "no-cache" });
  if (!page.ok) throw new Error(`the app page answered ${page.status}`);
  const assets = await shellAssets(page.clone());
  await cache.put("/app/", page);
  await cache.addAll([...SHELL.slice(1), ...assets]);
}

self.addEventListener("install", (event) => {
  event.waitUntil(cacheShell().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(self.clients.claim());
});

self.addEventListener("fetch", (event) => {
  const req = event.request;
  if (req.method !== "GET") return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin || !url.pathname.startsWith("/app/")) return;
  if (req.mode === "navigate") {
    // The page: the network first (a new build shows at once), the kept page when offline.
    event.respondWith(
      fetch(req)
        .then(async (res) => {
          if (res.ok) {
            const cache = await caches.open(CACHE);
            await cache.put("/app/", res.clone());
            // keep the new build's assets for the next time the phone is offline, and let an
            // older build's go
            event.waitUntil(
              shellAssets(res.clone())
                .then(async (assets) => {
                  await cache.addAll(assets);
                  const current = new Set(assets);
                  for (const req of await cache.keys()) {
                    const p = new URL(req.url).pathname;
                    if (p.startsWith("/app/assets/") && !current.has(p)) await cache.delete(req);
                  }
                })
                .catch(() => {}),
            );
          }
          return res;
        })
        .catch(async () => (await caches.match("/app/")) ?? Response.error()),
    );
    return;
  }
  // Hashed assets never change; the others are small: the kept copy first, else the network.
  event.respondWith(
    caches.match(req).then(
      (hit) =>
        hit ??
        fetch(req).then(async (res) => {
          if (res.ok && url.pathname.startsWith("/app/assets/")) (await caches.open(CACHE)).put(req, res.clone());
          return res;
        }),
    ),
  );
});
