import { test, expect } from "./fixtures";
import { freshPhone, menu, newAreaStaff, registerResident, staffPage } from "./helpers";

test("a resident asks to be verified and their community's staff approve it", async ({ page, visit, browser, javaScriptEnabled }) => {
  // A name of its own, so the staff find this resident among the other runs'.
  const name = `认证${Math.floor(Math.random() * 1e6)}`;
  await registerResident(page, visit, freshPhone(), name, "a-long-password");
  await visit("/account");
  const section = page.locator("#verification");
  await expect(section.getByRole("heading", { name: "居住认证" })).toBeVisible();
  // Refused first: no address, said at the address (by the browser or by the server).
  await section.getByRole("button", { name: "申请认证" }).click();
  await expect(page.locator("#address-error")).toHaveText("请填写详细地址。");
  await page.getByLabel("详细地址（楼号、单元、门牌）").fill("3号楼2单元501");
  await page.getByRole("button", { name: "申请认证" }).click();
  await expect(page.locator(".notice-ok")).toHaveText("认证申请已提交，请等待社区审核。");
  await expect(page.locator(".verification-status")).toContainText("待审核");
  await expect(page.getByRole("button", { name: "申请认证" })).toHaveCount(0);

  // The community's staff find it under 居民认证 (in the menu: their committee's workspace has
  // the header's place) and approve it.
  const staff = await staffPage(browser, javaScriptEnabled, newAreaStaff("110108025014"), "jiesu-handler", "/");
  await expect(staff.getByRole("banner").getByRole("link", { name: "工作台" })).toBeVisible();
  await (await menu(staff)).getByRole("link", { name: "居民认证" }).click();
  await expect(staff.getByRole("heading", { level: 1 })).toHaveText("居民认证审核");
  const item = staff.locator(".verification-list li", { hasText: name });
  await expect(item).toContainText("3号楼2单元501");
  // Rejecting needs a reason.
  await item.getByRole("button", { name: "驳回" }).click();
  await expect(staff.getByRole("alert").filter({ hasText: "请写明原因。" }).first()).toBeVisible();
  await staff.locator(".verification-list li", { hasText: name }).getByRole("button", { name: "通过" }).click();
  await expect(staff.locator(".notice-ok")).toHaveText("已处理。");
  await expect(staff.locator(".verification-list li", { hasText: name })).toContainText("撤销认证");
  await staff.context().close();

  // The resident sees it on their account page and in their inbox.
  await visit("/account");
  await expect(page.locator(".verification-status")).toContainText("已认证");
  await visit("/inbox");
  await expect(page.getByText("居住认证已通过")).toBeVisible();
});
