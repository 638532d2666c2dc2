import { test, expect } from "./fixtures";
import { countWire } from "../../scripts/bench/wire.mjs";

// The WASM budget, as bytes on the wire of a first visit (scripts/dev.sh test sets it).
const WASM_BUDGET = Number(process.env.JIESU_WASM_BUDGET ?? 200_000);

for (const path of ["/", "/requests", "/measures"]) {
  test(`a first visit of ${path} moves little, everything compressed, the WASM within budget`, async ({ page, visit, javaScriptEnabled }) => {
    const stop = await countWire(page);
    await visit(path);
    await page.waitForLoadState("networkidle");
    const wire = stop();
    console.log(`${path} (${javaScriptEnabled ? "hydrated" : "no JS"}): ${wire.total} bytes`, JSON.stringify(wire.byType));
    for (const f of wire.files.filter((f) => ["html", "js", "css", "wasm"].includes(f.type))) {
      expect(f.encoding, `${f.url} is compressed`).toMatch(/^(br|gzip)$/);
    }
    // Chromium preloads the WASM (the page's <link rel="preload">) even with JavaScript off.
    const wasm = wire.byType.wasm ?? 0;
    expect(wasm, "the WASM is loaded").toBeGreaterThan(50_000);
    expect(wasm, "WASM bytes on the wire").toBeLessThanOrEqual(WASM_BUDGET);
    expect(wire.total).toBeLessThanOrEqual(WASM_BUDGET + 100_000);
  });
}

test("hashed files are kept a year; a public page may be kept only if asked for again", async ({ page, request }) => {
  // Signed out, the home page is everyone's: a browser or proxy may keep it, but asks whether
  // it is still current each time (the API tests cover the 304 and signed-in pages).
  const response = await page.goto("/");
  expect(response?.headers()["cache-control"]).toBe("public, no-cache");
  expect(response?.headers()["etag"]).toMatch(/^"[0-9a-f]{16}"$/);
  const css = await page.locator('link[rel="stylesheet"]').getAttribute("href");
  expect(css).toMatch(/^\/pkg\/jiesu\.[\w-]+\.css$/);
  const file = await request.get(css ?? "", { headers: { "accept-encoding": "br" } });
  expect(file.headers()["cache-control"]).toContain("immutable");
  expect(file.headers()["content-encoding"]).toBe("br");
});
