// Takes the README's screenshot of a running Jiesu (scripts/dev.sh run) in a 360 × 800 phone
// window (CJK fonts: apt-get install fonts-noto-cjk):
//   node scripts/screenshot.mjs [url] [file] [selector]
// With a selector, the window is scrolled so that element starts at its top. COOKIES (say
// "jiesu_text=large; jiesu_lang=en") are set first.
import { createRequire } from "node:module";
const require = createRequire(new URL("../end2end/package.json", import.meta.url));
const { chromium } = require("@playwright/test");

const [url = "http://127.0.0.1:3000/", file = "docs/screenshot.png", selector] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
});
const context = await browser.newContext({ viewport: { width: 360, height: 800 }, deviceScaleFactor: 2 });
const cookies = (process.env.COOKIES ?? "").split(";").map((c) => c.trim().split("=")).filter(([name]) => name);
if (cookies.length > 0) await context.addCookies(cookies.map(([name, value]) => ({ name, value, url })));
const page = await context.newPage();
await page.goto(url);
await page.locator("body[data-hydrated]").waitFor({ state: "attached" });
if (selector) await page.locator(selector).evaluate((element) => element.scrollIntoView());
await page.screenshot({ path: file });
await browser.close();
console.log(`saved ${file}`);
