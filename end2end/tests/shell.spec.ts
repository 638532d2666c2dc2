import { test, expect } from "./fixtures";
import { menu } from "./helpers";

test("the home page is Chinese by default, with navigation", async ({ page, visit }) => {
  await visit("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("有事找12345，接诉即办");
  const nav = page.getByRole("navigation", { name: "主导航" });
  await expect(nav.getByRole("link", { name: "提出诉求" })).toBeVisible();
  const opened = await menu(page);
  await expect(opened.getByRole("link", { name: "首页" })).toBeVisible();
  await expect(opened.getByRole("link", { name: "区域" })).toBeVisible();
});

test("the language switch shows English, remembers it, and switches back", async ({ page, visit }) => {
  await visit("/areas/110108");
  await page.getByRole("link", { name: "English" }).click();
  await expect(page).toHaveURL(/\/areas\/110108$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Haidian District");

  await visit("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Call 12345, and it gets done");

  await page.getByRole("link", { name: "中文" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("有事找12345，接诉即办");
});

test("an unknown address gets the 404 page", async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("找不到这个页面");
  await expect(page.getByRole("link", { name: "返回首页" })).toBeVisible();
});

test("the page fits a 320 px wide phone without sideways scrolling", async ({ page, visit }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await visit("/areas/110108025");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
