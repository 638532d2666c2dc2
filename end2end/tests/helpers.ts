import { execFileSync } from "node:child_process";
import type { Browser } from "@playwright/test";
import { expect, test, type Page } from "./fixtures";

/** The newest text the development SMS sender kept for `phone` (read straight from the test database). */
export function lastText(phone: string): string {
  const url = process.env.JIESU_E2E_DATABASE_URL;
  if (!url) throw new Error("JIESU_E2E_DATABASE_URL is not set (scripts/dev.sh test sets it)");
  return execFileSync("psql", [url, "-tAXc", `select body from sms_outbox where phone = '${phone}' order by id desc limit 1`], {
    encoding: "utf8",
  });
}

/** The code the development SMS sender kept for `phone`. */
export function sentCode(phone: string): string {
  const body = lastText(phone);
  const code = body.match(/\d{6}/)?.[0];
  if (!code) throw new Error(`no code was sent to ${phone}`);
  return code;
}

/** A number nobody has registered yet. */
export function freshPhone(): string {
  return "139" + String(Math.floor(Math.random() * 1e8)).padStart(8, "0");
}

/** Chooses 海淀区 → 曙光街道 → `community` in a place cascade: without JavaScript each step
 * reloads the page through its button; hydrated, the lists fill in place and the buttons go.
 * With JavaScript it waits for the islands first: a district chosen before the cascade is
 * live would never list its streets (a page reached through a link is not waited for). */
export async function choosePlace(page: Page, community = "上河村社区") {
  const javaScript = test.info().project.use.javaScriptEnabled !== false;
  if (javaScript) await expect(page.locator("body[data-hydrated]")).toBeAttached();
  const step = async (name: string) => {
    const button = page.getByRole("button", { name });
    if (javaScript) await expect(button).toBeHidden();
    else if (await button.isVisible()) await button.click();
  };
  await page.getByLabel("区", { exact: true }).selectOption({ label: "海淀区" });
  await step("显示街道");
  await page.getByLabel("街道（乡镇）").selectOption({ label: "曙光街道" });
  await step("显示社区");
  await page.getByLabel("社区（村）").selectOption({ label: community });
}

/** The header's menu (a `<details>`), opened if it is closed. */
export async function menu(page: Page) {
  const details = page.getByRole("banner").locator("details.menu");
  if ((await details.getAttribute("open")) === null) await details.locator("summary").click();
  await expect(details).toHaveAttribute("open", "");
  return details;
}

/** Signs out through the header's menu. */
export async function signOut(page: Page) {
  await (await menu(page)).getByRole("button", { name: "退出" }).click();
  await expect(page.getByRole("banner").getByRole("link", { name: "登录" })).toBeVisible();
}

/** Registers `phone` through the pages and confirms it with the texted code: signed in after. */
export async function registerResident(page: Page, visit: (path: string) => Promise<void>, phone: string, name: string, password: string) {
  await visit("/register");
  await choosePlace(page);
  await page.getByLabel("手机号").fill(phone);
  await page.getByLabel("称呼（别人看到的名字）").fill(name);
  await page.getByLabel("设置密码（至少8位）").fill(password);
  await page.getByRole("button", { name: "发送验证码" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("输入短信验证码");
  await page.getByLabel("6位验证码").fill(sentCode(phone));
  await page.getByRole("button", { name: "确认" }).click();
  await expect((await menu(page)).getByText(name)).toBeVisible();
}

/** Signs in through the sign-in page. */
export async function signIn(page: Page, visit: (path: string) => Promise<void>, phone: string, password: string) {
  await visit("/sign-in");
  await page.getByLabel("手机号").fill(phone);
  await page.getByLabel("密码", { exact: true }).fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("banner").getByRole("link", { name: /^消息/ })).toBeVisible();
}

/** A new staff account straight in the test database (staff accounts are an admin's to
 * create): `role` with its unit (`unit_id`) or area (`scope_area_id`) found by `code`. It signs
 * in with the demo handler's password, `jiesu-handler`. */
function newStaff(role: string, name: string, column: "unit_id" | "scope_area_id", code: string): string {
  const url = process.env.JIESU_E2E_DATABASE_URL;
  if (!url) throw new Error("JIESU_E2E_DATABASE_URL is not set (scripts/dev.sh test sets it)");
  const phone = freshPhone();
  const table = column === "unit_id" ? "units" : "areas";
  execFileSync("psql", [url, "-qtAX", "-v", "ON_ERROR_STOP=1", "-c",
    `insert into users (phone, password_hash, display_name, role, ${column})
     select '${phone}', password_hash, '${name}', '${role}', (select id from ${table} where code = '${code}')
     from users where phone = '13800000003'`]);
  return phone;
}

/** A new handler of the unit with `unitCode`; signs in with `jiesu-handler`. */
export function newHandler(unitCode: string): string {
  return newStaff("handler", "城管委承办人", "unit_id", unitCode);
}

/** A new area staff member for the area with `areaCode`; signs in with `jiesu-handler`. */
export function newAreaStaff(areaCode: string): string {
  return newStaff("area_staff", "社区工作人员", "scope_area_id", areaCode);
}

/** A signed-in page for a staff member, in a browser context of its own (JavaScript as in
 * the project), on the page `path` when given. */
export async function staffPage(browser: Browser, javaScriptEnabled: boolean, phone: string, password: string, path?: string): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled });
  const p = await context.newPage();
  const go = async (to: string) => {
    await p.goto(to);
    if (javaScriptEnabled) await expect(p.locator("body[data-hydrated]")).toBeAttached();
  };
  await signIn(p, go, phone, password);
  if (path) await go(path);
  return p;
}

/** Takes the staff step whose button says `step` and waits for the page to say it is done. */
export async function takeStep(p: Page, step: string) {
  await p.getByRole("button", { name: step, exact: true }).click();
  await expect(p.getByRole("status")).toHaveText(`已完成：${step}`);
}


/** Verifies the resident with `phone` in their home community, straight in the test database
 * (the verification flow has its own test). */
export function verifyResident(phone: string) {
  const url = process.env.JIESU_E2E_DATABASE_URL;
  if (!url) throw new Error("JIESU_E2E_DATABASE_URL is not set (scripts/dev.sh test sets it)");
  execFileSync("psql", [url, "-qtAX", "-v", "ON_ERROR_STOP=1", "-c",
    `insert into residence_verifications (resident_id, community_id, address, status, decided_at)
     select id, home_community_id, '3号楼', 'approved', now() from users where phone = '${phone}'`]);
}

/** A one-pixel PNG, base64: a photo for forms that want one. */
export const ONE_PIXEL_PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
