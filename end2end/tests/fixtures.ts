import { test as base, expect, type BrowserContext, type Page } from "@playwright/test";

// `page` is ready to use: in the hydrated project, only once <body data-hydrated> says the
// islands are live (never a sleep); with JavaScript off, as soon as the HTML has loaded.
//
// Every test also fails if the browser reported a Content-Security-Policy violation on any of
// its pages (its own and those of contexts it opened), so hydration is proven to work under
// the policy the server sends.
export const test = base.extend<{ visit: (path: string) => Promise<void>; cspGuard: void }>({
  visit: async ({ page, javaScriptEnabled }, use) => {
    await use(async (path: string) => {
      await page.goto(path);
      if (javaScriptEnabled) {
        await expect(page.locator("body[data-hydrated]")).toBeAttached();
      }
    });
  },
  cspGuard: [
    async ({ context, browser }, use) => {
      const violations: string[] = [];
      const watch = (c: BrowserContext) =>
        c.on("console", (message) => {
          if (/Content Security Policy/i.test(message.text())) {
            violations.push(`${message.location().url}: ${message.text()}`);
          }
        });
      watch(context);
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (...args) => {
        const opened = await newContext(...args);
        watch(opened);
        return opened;
      };
      await use();
      browser.newContext = newContext;
      expect(violations, "Content-Security-Policy violations").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect, type Page };
