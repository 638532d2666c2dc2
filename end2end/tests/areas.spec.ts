import { test, expect } from "./fixtures";
import { menu } from "./helpers";

test("a resident finds the seed article's community by walking the area tree", async ({ page, visit }) => {
  await visit("/");
  await (await menu(page)).getByRole("link", { name: "区域" }).click();
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

test("typing in the filter narrows a long list; without JavaScript the whole list shows", async ({
  page,
  visit,
  javaScriptEnabled,
}) => {
  await visit("/areas/110108025");
  const list = page.locator(".area-list");
  const filter = page.getByRole("searchbox", { name: "按名称筛选" });
  if (!javaScriptEnabled) {
    await expect(filter).toBeHidden();
    await expect(list.getByText("上河村社区")).toBeVisible();
    await expect(list.getByText("曙光花园社区")).toBeVisible();
    return;
  }
  await filter.fill("上河");
  await expect(list.getByText("上河村社区")).toBeVisible();
  await expect(list.getByText("曙光花园社区")).toBeHidden();
  await filter.fill("没有这个社区");
  await expect(page.getByRole("status")).toHaveText("没有名称含有这些字的区域。");
  await filter.fill("");
  await expect(list.getByText("曙光花园社区")).toBeVisible();
});
