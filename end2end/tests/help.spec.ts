import { test, expect } from "./fixtures";
import { menu } from "./helpers";

test("the help page answers what residents ask first, in both languages, from the menu", async ({ page, visit }) => {
  await visit("/");
  await (await menu(page)).getByRole("link", { name: "使用帮助" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("使用帮助");
  await expect(page.getByRole("heading", { name: "我的电话号码会被别人看到吗？" })).toBeVisible();
  await expect(page.getByText("12345 热线")).toBeVisible();

  await page.getByRole("link", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Help");
  await expect(page.getByRole("heading", { name: "Will others see my phone number?" })).toBeVisible();
  await page.getByRole("link", { name: "中文" }).click();
});
