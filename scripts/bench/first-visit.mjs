// What a resident's phone receives on a first visit, and what Lighthouse (mobile) makes of it.
//
//   node scripts/bench/first-visit.mjs [base URL] [path ...]
//
// Against a running release server (default http://127.0.0.1:3000; scripts/dev.sh run starts
// one). For each page: the bytes on the wire by kind, from Chromium's network log (a fresh
// browser context, cache off); then Lighthouse's mobile scores and its Largest Contentful
// Paint, under its default simulated slow 4G and 4× slower CPU. Chromium is Debian's
// (/usr/bin/chromium, or CHROMIUM).
import { createRequire } from "node:module";
import { countWire } from "./wire.mjs";

const require = createRequire(new URL("../../end2end/package.json", import.meta.url));
const { chromium } = require("@playwright/test");
const chromePath = process.env.CHROMIUM ?? "/usr/bin/chromium";
const flags = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"];

const [base = "http://127.0.0.1:3000", ...given] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: chromePath, args: flags });

// A public request page too, when there is one.
async function aRequestPage() {
  const page = await browser.newPage();
  await page.goto(`${base}/requests`);
  const href = await page.locator(".request-list a.tracking").first().getAttribute("href").catch(() => null);
  await page.close();
  return href;
}
const paths = given.length > 0 ? given : ["/", "/requests", "/measures", ...[await aRequestPage()].filter(Boolean)];

const kb = (n) => (n / 1000).toFixed(1).padStart(7);
console.log(`First visit on ${base}, bytes on the wire (kB; compressed as sent)\n`);
console.log("page".padEnd(34), "total", "   html", "    css", "     js", "   wasm", "  other");
for (const path of paths) {
  const context = await browser.newContext({ viewport: { width: 360, height: 800 } });
  const page = await context.newPage();
  const stop = await countWire(page);
  await page.goto(base + path);
  await page.waitForLoadState("networkidle");
  const { total, byType } = stop();
  const other = total - ["html", "css", "js", "wasm"].reduce((a, k) => a + (byType[k] ?? 0), 0);
  console.log(path.padEnd(34), kb(total), kb(byType.html ?? 0), kb(byType.css ?? 0), kb(byType.js ?? 0), kb(byType.wasm ?? 0), kb(other));
  await context.close();
}
await browser.close();

let lighthouse, launch;
try {
  lighthouse = (await import(require.resolve("lighthouse"))).default;
  ({ launch } = await import(require.resolve("chrome-launcher")));
} catch {
  console.log("\nLighthouse is not installed (npm ci in end2end/ installs it): scores skipped.");
  process.exit(0);
}
console.log("\nLighthouse (mobile: simulated slow 4G, 4x CPU slowdown)\n");
console.log("page".padEnd(34), "perf", "a11y", " b.p.", " SEO", "   LCP", "   TBT", "   CLS");
const chrome = await launch({ chromePath, chromeFlags: ["--headless=new", ...flags] });
for (const path of paths) {
  const result = await lighthouse(base + path, { port: chrome.port, output: "json", logLevel: "error" });
  const { categories: c, audits: a } = result.lhr;
  const score = (k) => String(Math.round((c[k]?.score ?? 0) * 100)).padStart(4);
  console.log(
    path.padEnd(34),
    score("performance"),
    score("accessibility"),
    score("best-practices"),
    score("seo"),
    a["largest-contentful-paint"].displayValue.padStart(6),
    a["total-blocking-time"].displayValue.padStart(6),
    a["cumulative-layout-shift"].displayValue.padStart(6),
  );
  const failing = Object.values(a).filter((x) => x.score !== null && x.score < 0.9 && x.scoreDisplayMode === "binary");
  for (const f of failing) console.log(`    ✗ ${f.id}: ${f.title}`);
}
await chrome.kill();
