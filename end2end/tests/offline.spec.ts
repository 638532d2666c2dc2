import { test, expect } from "./fixtures";
import { freshPhone, registerResident } from "./helpers";

// Installable, and kind when the network goes: a manifest, a service worker that keeps the
// shell, and an offline page saying the half-written request is safe (it is: the filing form
// keeps its draft in the browser until it is filed).

test("the site is installable: a manifest with icons, and a service worker once hydrated", async ({ page, visit, request, javaScriptEnabled }) => {
  await visit("/");
  const href = await page.locator('link[rel="manifest"]').getAttribute("href");
  const manifest = await (await request.get(href ?? "")).json();
  expect(manifest.display).toBe("standalone");
  expect(manifest.start_url).toBe("/");
  const sizes = manifest.icons.map((i: { sizes: string }) => i.sizes);
  expect(sizes).toEqual(expect.arrayContaining(["192x192", "512x512"]));
  for (const icon of manifest.icons) expect((await request.get(icon.src)).ok(), icon.src).toBe(true);
  if (javaScriptEnabled) {
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(scope).toMatch(/\/$/);
  }
});

test("offline, a page says the draft is safe, and the half-written request is still there after", async ({ page, visit, context, javaScriptEnabled }) => {
  test.skip(!javaScriptEnabled, "a service worker and the draft keeper need JavaScript");
  await registerResident(page, visit, freshPhone(), "龚大爷", "a-long-password");
  await visit("/requests/new");
  await page.evaluate(async () => navigator.serviceWorker.ready);
  await page.getByLabel("类型").selectOption({ label: "投诉" });
  await page.getByLabel("分类").selectOption({ label: "房屋维修" });
  await page.getByLabel("详细地址或地标（选填）").fill("上河村小区7号楼");
  await page.getByLabel("请描述事情经过（10–2000字）").fill("楼道灯坏了一个多月，晚上老人上下楼看不见");

  await context.setOffline(true);
  await page.getByRole("button", { name: "提交诉求" }).click();
  await expect(page.getByRole("heading", { name: "暂时没有网络" })).toBeVisible();
  await expect(page.getByText("您填写的诉求草稿保存在这台手机上")).toBeVisible();

  await context.setOffline(false);
  await visit("/requests/new");
  await expect(page.getByLabel("详细地址或地标（选填）")).toHaveValue("上河村小区7号楼");
  await expect(page.getByLabel("请描述事情经过（10–2000字）")).toHaveValue("楼道灯坏了一个多月，晚上老人上下楼看不见");
});
