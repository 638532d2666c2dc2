// Jiesu's service worker. It keeps the shell (the CSS, JS and WASM, whose names carry their
// content's hash, so a cached copy is never stale; the icons) and an offline page. Pages always
// come from the network: when there is none, the offline page says the draft is safe (the
// filing form keeps it in the browser until it is filed).
const CACHE = "jiesu-shell";
const OFFLINE = "/offline.html";
const SHELL = [OFFLINE, "/offline.css", "/favicon.svg", "/icon-192.png", "/manifest.webmanifest"];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(self.clients.claim());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    // A page, or a form posted as a page: the network's answer, else the offline page.
    event.respondWith(fetch(request).catch(() => caches.match(OFFLINE)));
  } else if (request.method === "GET" && url.pathname.startsWith("/pkg/")) {
    event.respondWith(fromCacheFirst(request, url));
  }
});

/** A hashed file: the cached copy, else the network's (kept, and older builds' copies of the
 * same kind of file dropped). */
async function fromCacheFirst(request, url) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) {
    const kind = url.pathname.split(".").pop();
    for (const old of await cache.keys()) {
      const path = new URL(old.url).pathname;
      if (path.startsWith("/pkg/") && path.endsWith(`.${kind}`)) await cache.delete(old);
    }
    await cache.put(request, response.clone());
  }
  return response;
}
