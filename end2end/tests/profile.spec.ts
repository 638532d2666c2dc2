import { readFileSync } from "node:fs";
import { test, expect } from "./fixtures";
import { freshPhone, menu, registerResident, sentCode, signOut } from "./helpers";

test("a resident's whole account: register, sign in, move, download, delete", async ({ page, visit }) => {
  const phone = freshPhone();
  await registerResident(page, visit, phone, "王阿姨", "a-long-password");

  // Sign out, and back in.
  await signOut(page);
  await expect(page.getByRole("banner").getByRole("link", { name: "登录" })).toBeVisible();
  await page.getByRole("banner").getByRole("link", { name: "登录" }).click();
  await page.getByLabel("手机号").fill(phone);
  await page.getByLabel("密码").fill("a-long-password");
  await page.getByRole("button", { name: "登录" }).click();

  // Move to another community of the same street.
  await expect((await menu(page)).getByText("王阿姨")).toBeVisible();
  await page.getByRole("banner").getByRole("link", { name: "我的账号" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("我的账号");
  await expect(page.locator(".profile-home")).toHaveText("海淀区 · 曙光街道 · 上河村社区");
  await expect(page.getByText(`${phone.slice(0, 3)}****${phone.slice(7)}`)).toBeVisible();
  await page.getByLabel("社区（村）").selectOption({ label: "怡丽北园社区" });
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByRole("status")).toHaveText("已保存。");
  await expect(page.locator(".profile-home")).toHaveText("海淀区 · 曙光街道 · 怡丽北园社区");

  // Download my data.
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "下载我的数据" }).click();
  const download = await downloading;
  const data = JSON.parse(readFileSync(await download.path(), "utf8"));
  expect(data.account.phone).toBe(phone);
  expect(data.account.display_name).toBe("王阿姨");
  expect(data.account.home_community).toBe("海淀区 曙光街道 怡丽北园社区");
  expect(data.requests).toEqual([]);

  // Delete the account: a wrong password first.
  await page.getByLabel("输入密码确认注销").fill("not-my-password");
  await page.getByRole("button", { name: "注销账号" }).click();
  await expect(page.locator("#password-error")).toHaveText("密码不对，请再试一次。");
  await page.getByLabel("输入密码确认注销").fill("a-long-password");
  await page.getByRole("button", { name: "注销账号" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("账号已注销");
  await expect(page.getByRole("banner").getByRole("link", { name: "登录" })).toBeVisible();

  // The number no longer signs in.
  await visit("/sign-in");
  await page.getByLabel("手机号").fill(phone);
  await page.getByLabel("密码").fill("a-long-password");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.locator("#password-error")).toHaveText("手机号或密码不对，请再试一次。");
});

test("a forgotten password is reset with a texted code, and a new one changed on the profile", async ({ page, visit }) => {
  const phone = freshPhone();
  await registerResident(page, visit, phone, "李叔", "first-password");
  await signOut(page);
  await expect(page.getByRole("banner").getByRole("link", { name: "登录" })).toBeVisible();

  await visit("/sign-in");
  await page.getByRole("link", { name: "忘记密码？" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("重设密码");
  await page.getByLabel("手机号").fill(phone);
  await page.getByRole("button", { name: "发送验证码" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("设置新密码");
  await page.getByLabel("6位验证码").fill(sentCode(phone));
  await page.getByLabel("新密码（至少8位）").fill("second-password");
  await page.getByRole("button", { name: "设置新密码并登录" }).click();
  await expect((await menu(page)).getByText("李叔")).toBeVisible();

  await visit("/account");
  await page.getByLabel("当前密码").fill("second-password");
  await page.getByLabel("新密码（至少8位）").fill("third-password");
  await page.getByRole("button", { name: "修改密码" }).click();
  await expect(page.getByRole("status")).toHaveText("密码已修改；其他设备上的登录已退出。");
  await expect((await menu(page)).getByText("李叔")).toBeVisible();
});

test("the profile refuses a short new password next to the field", async ({ page, visit, javaScriptEnabled }) => {
  await registerResident(page, visit, freshPhone(), "赵姐", "first-password");
  await visit("/account");
  await page.getByLabel("当前密码").fill("first-password");
  await page.getByLabel("新密码（至少8位）").fill("short");
  await page.getByRole("button", { name: "修改密码" }).click();
  await expect(page.locator("#new_password-error")).toHaveText("密码至少要8位。");
  // Hydrated, the browser ran the same check and posted nothing; without JavaScript the
  // server refused it and sent the page back with the error in its URL.
  await expect(page).toHaveURL(javaScriptEnabled ? /\/account$/ : /\/account\?.*__err=/);
});

test("signed out, the account page sends you to sign in", async ({ page, visit }) => {
  await visit("/account");
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("登录接诉即办");
});
