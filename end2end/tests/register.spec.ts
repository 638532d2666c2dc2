import { execFileSync } from "node:child_process";
import { test, expect, type Page } from "./fixtures";

/** The code the development SMS sender kept for `phone` (read straight from the test database). */
function sentCode(phone: string): string {
  const url = process.env.JIESU_E2E_DATABASE_URL;
  if (!url) throw new Error("JIESU_E2E_DATABASE_URL is not set (scripts/dev.sh test sets it)");
  const body = execFileSync("psql", [url, "-tAXc", `select body from sms_outbox where phone = '${phone}' order by id desc limit 1`], {
    encoding: "utf8",
  });
  const code = body.match(/\d{6}/)?.[0];
  if (!code) throw new Error(`no code was sent to ${phone}`);
  return code;
}

/** A number nobody has registered yet. */
function freshPhone(): string {
  return "139" + String(Math.floor(Math.random() * 1e8)).padStart(8, "0");
}

async function choosePlace(page: Page) {
  await page.getByLabel("区", { exact: true }).selectOption({ label: "海淀区" });
  await page.getByRole("button", { name: "显示街道" }).click();
  await page.getByLabel("街道（乡镇）").selectOption({ label: "曙光街道" });
  await page.getByRole("button", { name: "显示社区" }).click();
  await page.getByLabel("社区（村）").selectOption({ label: "上河村社区" });
}

test("a resident registers, confirms the number with the texted code, and is signed in", async ({ page, visit }) => {
  const phone = freshPhone();
  await visit("/");
  await page.getByRole("banner").getByRole("link", { name: "注册" }).click();
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
  await expect(page.getByRole("banner").getByText("王阿姨")).toBeVisible();
});

test("registering a number that already has an account says so next to the number", async ({ page, visit }) => {
  await visit("/register");
  await choosePlace(page);
  await page.getByLabel("手机号").fill("13800000001");
  await page.getByLabel("称呼（别人看到的名字）").fill("冒名");
  await page.getByLabel("设置密码（至少8位）").fill("a-long-password");
  await page.getByRole("button", { name: "发送验证码" }).click();
  await expect(page.locator("#phone-error")).toHaveText("这个手机号已经注册过，请直接登录。");
  // What was typed comes back, the password aside.
  await expect(page.getByLabel("手机号")).toHaveValue("13800000001");
  await expect(page.getByLabel("称呼（别人看到的名字）")).toHaveValue("冒名");
  await expect(page.getByLabel("社区（村）").locator("option:checked")).toHaveText("上河村社区");
  await expect(page.getByLabel("设置密码（至少8位）")).toHaveValue("");
  // Once: a fresh visit starts empty.
  await page.reload();
  await expect(page.getByLabel("手机号")).toHaveValue("");
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
