import { test, expect } from "./fixtures";
import { lastText, choosePlace, freshPhone, menu, sentCode } from "./helpers";

test("a resident registers, confirms the number with the texted code, and is signed in", async ({ page, visit }) => {
  const phone = freshPhone();
  await visit("/");
  await (await menu(page)).getByRole("link", { name: "注册" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("注册接诉即办");
  await choosePlace(page);
  await page.getByLabel("手机号").fill(phone);
  await page.getByLabel("称呼（别人看到的名字）").fill("王阿姨");
  await page.getByLabel("设置密码（至少8位）").fill("a-long-password");
  await page.getByRole("button", { name: "发送验证码" }).click();

  await expect(page.getByRole("heading", { level: 1 })).toHaveText("输入短信验证码");
  await expect(page.getByText(`${phone.slice(0, 3)}****${phone.slice(7)}`)).toBeVisible();
  await page.getByLabel("6位验证码").fill(sentCode(phone));
  await page.getByRole("button", { name: "确认" }).click();

  await expect(page).toHaveURL(/\/$/);
  await expect((await menu(page)).getByText("王阿姨")).toBeVisible();
});

test("registering a number that already has an account looks like any other; its owner is told by text", async ({ page, visit }) => {
  await visit("/register");
  await choosePlace(page);
  await page.getByLabel("手机号").fill("13800000001");
  await page.getByLabel("称呼（别人看到的名字）").fill("冒名");
  await page.getByLabel("设置密码（至少8位）").fill("a-long-password");
  await page.getByRole("button", { name: "发送验证码" }).click();
  // The same next step as for a new number: nobody learns which numbers are registered.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("输入短信验证码");
  // The number's owner got a text saying so, with no code in it.
  expect(lastText("13800000001")).toContain("已经有账号");
  expect(lastText("13800000001")).not.toMatch(/\d{6}/);
});

test("a wrong code is refused and the number stays unregistered", async ({ page, visit }) => {
  const phone = freshPhone();
  await visit("/register");
  await choosePlace(page);
  await page.getByLabel("手机号").fill(phone);
  await page.getByLabel("称呼（别人看到的名字）").fill("李叔");
  await page.getByLabel("设置密码（至少8位）").fill("a-long-password");
  await page.getByRole("button", { name: "发送验证码" }).click();
  const code = sentCode(phone);
  await page.getByLabel("6位验证码").fill(code === "000000" ? "111111" : "000000");
  await page.getByRole("button", { name: "确认" }).click();
  await expect(page.locator("#code-error")).toHaveText("验证码不对，请再试一次。");
  await expect(page.getByRole("banner").getByRole("link", { name: "登录" })).toBeVisible();
});

test("a short password is refused next to it, in the browser once hydrated", async ({ page, visit, javaScriptEnabled }) => {
  const phone = freshPhone();
  await visit("/register");
  await choosePlace(page);
  if (javaScriptEnabled) await expect(page.locator("body[data-hydrated]")).toBeAttached();
  await page.getByLabel("手机号").fill(phone);
  await page.getByLabel("称呼（别人看到的名字）").fill("周姐");
  await page.getByLabel("设置密码（至少8位）").fill("short");
  await page.getByRole("button", { name: "发送验证码" }).click();
  await expect(page.locator("#password-error")).toHaveText("密码至少要8位。");
  // Hydrated, Registration::parse ran in the browser and nothing was posted (the page did not
  // reload); without JavaScript the server ran it and sent the form back.
  await expect(page).toHaveURL(javaScriptEnabled ? /\/register\?district=.*street=[^&]*$/ : /__err=/);
  await expect(page.getByLabel("手机号")).toHaveValue(phone);
});

test("the place cascade lists streets and communities in place once hydrated, and reloads per step without JavaScript", async ({ page, visit, javaScriptEnabled }) => {
  await visit("/account");
  // Signed out, /account sends to sign in; the demo resident's profile has the cascade with a
  // community list.
  await page.getByLabel("手机号").fill("13800000001");
  await page.getByLabel("密码", { exact: true }).fill("jiesu-resident");
  await page.getByRole("button", { name: "登录" }).click();
  await visit("/account");
  await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
  await page.getByLabel("区", { exact: true }).selectOption({ label: "朝阳区" });
  if (javaScriptEnabled) {
    await expect(page.locator("form.place-steps").getByRole("button")).toBeHidden();
    await page.getByLabel("街道（乡镇）").selectOption({ label: "望京街道" });
    await expect(page.getByLabel("社区（村）").locator("option", { hasText: "望京西园四区社区" })).toHaveCount(1);
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument), "no reload").toBe(true);
  } else {
    // The profile starts at the resident's street, so the button says "show communities".
    await page.locator("form.place-steps").getByRole("button").click();
    await expect(page).toHaveURL(/district=110105/);
    await expect(page.getByLabel("街道（乡镇）")).toBeVisible();
  }
});
