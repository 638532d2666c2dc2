import { test, expect } from "./fixtures";

test("a resident finds the seed article's community by walking the area tree", async ({ page, visit }) => {
  await visit("/");
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "区域" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("北京市区域");
  await expect(page.locator(".area-list > li")).toHaveCount(16);

  await page.getByRole("link", { name: "海淀区" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("海淀区");
  await page.getByRole("link", { name: "曙光街道" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("曙光街道");
  await expect(page.getByText("上河村社区")).toBeVisible();

  await page.getByRole("link", { name: "返回上级" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("海淀区");
});

test("an unknown area code is a 404 with a message, not a crash", async ({ page }) => {
  const response = await page.goto("/areas/999999");
  expect(response?.status()).toBe(404);
  await expect(page.getByText("您要找的页面不存在，或已经移走。")).toBeVisible();
});
