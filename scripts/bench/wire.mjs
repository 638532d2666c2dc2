// Bytes a page's visit moves over the network, as Chromium's network log counts them
// (`encodedDataLength`: headers and body as received, compressed when compressed). Used by
// the first-load browser test and by scripts/bench/first-visit.mjs.

/** Starts counting what `page` (a Playwright page) receives, with the browser cache off;
 * call the returned function to read { total, byType, files }. */
export async function countWire(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  const seen = new Map();
  const files = [];
  cdp.on("Network.responseReceived", (e) => {
    const headers = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
    seen.set(e.requestId, { url: e.response.url, type: kind(e.response.url, e.type), encoding: headers["content-encoding"] ?? "" });
  });
  cdp.on("Network.loadingFinished", (e) => {
    const r = seen.get(e.requestId);
    if (r) files.push({ ...r, bytes: e.encodedDataLength });
  });
  return () => {
    const byType = {};
    for (const f of files) byType[f.type] = (byType[f.type] ?? 0) + f.bytes;
    return { total: files.reduce((a, f) => a + f.bytes, 0), byType, files };
  };
}

function kind(url, type) {
  if (/\.wasm(\?|$)/.test(url)) return "wasm";
  if (type === "Document") return "html";
  if (type === "Script") return "js";
  if (type === "Stylesheet") return "css";
  if (type === "Image") return "image";
  return type.toLowerCase();
}
