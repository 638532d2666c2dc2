import { test, expect } from "./fixtures";
import { choosePlace, freshPhone, newHandler, signIn, staffPage } from "./helpers";

test("an admin opens a staff account and the new handler works in its unit", async ({ page, visit, browser, javaScriptEnabled }) => {
  await signIn(page, visit, "13800000005", "jiesu-admin");
  await page.getByRole("banner").getByRole("link", { name: "管理" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("系统管理");

  // Refused first: hours out of order, said at the hours (by the browser or by the server).
  const categories = page.locator("form").filter({ has: page.locator('input[name="change"][value="category"]') });
  await categories.getByLabel("分类").selectOption("environment.noise");
  await categories.getByLabel("响应时限（小时）", { exact: true }).fill("24");
  await categories.getByLabel("办结时限（小时）", { exact: true }).fill("12");
  await categories.getByLabel("紧急：响应时限（小时）").fill("1");
  await categories.getByLabel("紧急：办结时限（小时）").fill("2");
  await categories.getByRole("button", { name: "保存类别" }).click();
  await expect(page.locator("#hours-error")).toContainText("办结时限不少于响应时限");

  // A new handler for city management.
  const phone = freshPhone();
  const staffForm = page.locator("form").filter({ has: page.locator('input[name="change"][value="staff"]') });
  await staffForm.getByLabel("手机号").fill(phone);
  await staffForm.getByLabel("称呼（别人看到的名字）").fill("城管李工");
  await staffForm.getByLabel("角色").selectOption({ label: "承办人员" });
  await staffForm.getByLabel("所属单位（仅承办人员）").selectOption({ value: "city_management" });
  await staffForm.getByLabel(/^密码/).fill("a-long-password");
  await staffForm.getByRole("button", { name: "保存账号" }).click();
  await expect(page.locator(".notice-ok")).toHaveText("已完成：保存账号");
  await expect(page.locator(".admin-table").first()).toContainText(phone);

  // The new account signs in and finds its unit's workspace.
  const context = await browser.newContext({ javaScriptEnabled });
  const handler = await context.newPage();
  await signIn(handler, async (path) => { await handler.goto(path); }, phone, "a-long-password");
  await handler.getByRole("banner").getByRole("link", { name: "工作台" }).click();
  await expect(handler.getByRole("heading", { level: 1 })).toHaveText("本单位待办");
  await context.close();
});

test("a resident is told the administration page is not theirs", async ({ page, visit }) => {
  await signIn(page, visit, "13800000001", "jiesu-resident");
  await visit("/admin");
  await expect(page.getByText("此页面仅供系统管理员使用。")).toBeVisible();
});

test("the hotline files a caller's request and dispatches it from its page", async ({ page, visit }) => {
  await signIn(page, visit, "13800000002", "jiesu-dispatcher");
  await visit("/requests/new");
  await choosePlace(page, "上河村社区");
  await page.getByLabel("来电号码").fill(freshPhone());
  await page.getByLabel("来电人称呼").fill("王女士");
  await page.getByLabel("类型").selectOption({ label: "投诉" });
  await page.getByLabel("分类").selectOption({ label: "噪声扰民" });
  await page.getByLabel("请描述事情经过（10–2000字）").fill("来电反映楼下饭馆夜里排风扇噪音很大，影响休息");
  await page.getByRole("button", { name: "提交诉求" }).click();
  // Other runs filed noise here too: "is it one of these?" — the caller's matter is new.
  const notOne = page.getByRole("checkbox", { name: "都不是，我要提交新的诉求" });
  const tracking = page.locator(".notice-ok .tracking");
  await expect(tracking.or(notOne)).toBeVisible();
  if (await notOne.isVisible()) {
    await expect(page.getByLabel("来电人称呼")).toHaveValue("王女士");
    await notOne.check();
    await page.getByRole("button", { name: "提交诉求" }).click();
  }
  await expect(tracking).toHaveText(/^\d{8}-\d{6}$/);
  await expect(page.getByRole("button", { name: "派单", exact: true })).toBeVisible();
});

test("an admin disables a staff account with a reason: it is signed out at once, and the log says who did it", async ({ page, visit, browser, javaScriptEnabled }) => {
  const phone = newHandler("city_management");
  const handler = await staffPage(browser, javaScriptEnabled, phone, "jiesu-handler", "/staff");
  await expect(handler.getByRole("heading", { level: 1 })).toHaveText("本单位待办");

  await signIn(page, visit, "13800000005", "jiesu-admin");
  await visit("/admin");
  const disable = page.locator("form").filter({ has: page.locator('input[name="change"][value="disable"]') });
  await disable.getByLabel("手机号").fill(phone);
  await disable.getByLabel("停用原因").fill("已调离本单位");
  await disable.getByRole("button", { name: "停用账号" }).click();
  await expect(page.locator(".notice-ok")).toHaveText("已完成：停用账号");
  const disabled = page.getByRole("region", { name: "停用账号" });
  await expect(disabled.getByRole("listitem").filter({ hasText: phone })).toContainText("已调离本单位");
  const log = page.getByRole("region", { name: "管理日志" });
  await expect(log.getByRole("listitem").filter({ hasText: phone })).toContainText("停用账号");

  // The handler's next page finds them signed out; signing in again says why not.
  await handler.reload();
  await expect(handler.getByRole("heading", { level: 1 })).toHaveText("登录接诉即办");
  await handler.getByLabel("手机号").fill(phone);
  await handler.getByLabel("密码", { exact: true }).fill("jiesu-handler");
  await handler.getByRole("button", { name: "登录" }).click();
  await expect(handler.locator("#password-error")).toHaveText("这个账号已被管理员停用，不能登录。如有疑问请拨打12345。");
  await handler.context().close();
});
