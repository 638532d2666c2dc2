// Takes the README's screenshot of a running Jiesu (scripts/dev.sh run) in a phone-sized
// Chromium window (CJK fonts: apt-get install fonts-noto-cjk):
//   node scripts/screenshot.mjs [url] [file] [selector]
// With a selector, the window is scrolled so that element starts at its top.
import { createRequire } from "node:module";
const require = createRequire(new URL("../end2end/package.json", import.meta.url));
const { chromium } = require("@playwright/test");

const [url = "http://127.0.0.1:3000/", file = "docs/screenshot.png", selector] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
});
const page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
await page.goto(url);
await page.locator("body[data-hydrated]").waitFor({ state: "attached" });
if (selector) await page.locator(selector).evaluate((element) => element.scrollIntoView());
await page.screenshot({ path: file });
await browser.close();
console.log(`saved ${file}`);
