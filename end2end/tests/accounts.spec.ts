import { test, expect } from "./fixtures";
import { menu, signOut } from "./helpers";

test("the demo resident signs in, sees their name, and signs out", async ({ page, visit }) => {
  await visit("/");
  await page.getByRole("link", { name: "登录" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("登录接诉即办");
  await page.getByLabel("手机号").fill("13800000001");
  await page.getByLabel("密码").fill("jiesu-resident");
  await page.getByRole("button", { name: "登录" }).click();

  await expect(page).toHaveURL(/\/$/);
  await expect((await menu(page)).getByText("马大姐")).toBeVisible();
  await signOut(page);
  await expect(page.getByRole("banner").getByRole("link", { name: "登录" })).toBeVisible();
  await expect(page.getByRole("banner").getByText("马大姐")).toHaveCount(0);
});

test("a wrong password is refused next to the field, and nobody is signed in", async ({ page, visit }) => {
  await visit("/sign-in");
  await page.getByLabel("手机号").fill("13800000002");
  await page.getByLabel("密码").fill("not-the-password");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.locator("#password-error")).toHaveText("手机号或密码不对，请再试一次。");
  await expect(page.getByRole("banner").getByRole("link", { name: "登录" })).toBeVisible();
});

test("a malformed number says what a number looks like", async ({ page, visit, javaScriptEnabled }) => {
  await visit("/sign-in");
  await page.getByLabel("手机号").fill("12345");
  await page.getByLabel("密码").fill("whatever");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.locator("#phone-error")).toHaveText("请输入11位手机号码，例如 138 0000 0001。");
  // Hydrated, the same parse ran in the browser and nothing was posted; without JavaScript
  // the server refused it and sent the form back.
  await expect(page).toHaveURL(javaScriptEnabled ? /\/sign-in$/ : /\/sign-in\?.*__err=/);
});
