import { test as base, expect, type Page } from "@playwright/test";

// `page` is ready to use: in the hydrated project, only once <body data-hydrated> says the
// islands are live (never a sleep); with JavaScript off, as soon as the HTML has loaded.
export const test = base.extend<{ visit: (path: string) => Promise<void> }>({
  visit: async ({ page, javaScriptEnabled }, use) => {
    await use(async (path: string) => {
      await page.goto(path);
      if (javaScriptEnabled) {
        await expect(page.locator("body[data-hydrated]")).toBeAttached();
      }
    });
  },
});

export { expect, type Page };
