import { execFileSync } from "node:child_process";
import { test, expect, type Page } from "./fixtures";
import { freshPhone, menu, registerResident, staffPage, newAreaStaff, verifyResident } from "./helpers";

// A resident's phone: 360 × 800, and the narrowest phones still sold (320 px wide; also what a
// 640-px window shows at 200 % zoom).
test.use({ viewport: { width: 360, height: 800 } });

/** Lines of text each header label takes (1 when it never breaks inside a word): its text's
 * boxes, grouped into lines where they overlap vertically. */
async function labelLines(page: Page) {
  return page.locator("header.site-header").evaluate((header) => {
    const out: { label: string; lines: number }[] = [];
    for (const el of header.querySelectorAll("a, summary, button")) {
      const boxes: DOMRect[] = [];
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const rect of range.getClientRects()) if (rect.width > 0) boxes.push(rect);
      }
      boxes.sort((a, b) => a.top - b.top);
      let lines = 0;
      let bottom = -Infinity;
      for (const box of boxes) {
        if (box.top >= bottom - 1) lines += 1;
        bottom = Math.max(bottom, box.bottom);
      }
      if (lines > 0) out.push({ label: (el.textContent ?? "").trim(), lines });
    }
    return out;
  });
}

/** How far the page scrolls sideways (0 when it fits). */
async function sideways(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

async function checkHeader(page: Page, what: string) {
  const height = await page.locator("header.site-header").evaluate((h) => h.getBoundingClientRect().height);
  expect(height, `header height, ${what}`).toBeLessThanOrEqual(120);
  for (const { label, lines } of await labelLines(page)) expect(lines, `"${label}" on one line, ${what}`).toBe(1);
}

test("the phone header is short, its labels whole, and the rest is behind a menu", async ({ page, visit, context, baseURL }) => {
  for (const lang of ["zh-CN", "en"]) {
    await context.addCookies([{ name: "jiesu_lang", value: lang, url: baseURL }]);
    await visit("/");
    await checkHeader(page, `signed out, ${lang}`);
  }
  await context.clearCookies();

  // Signed in: their requests and messages join the row; the header stays short.
  const phone = freshPhone();
  await registerResident(page, visit, phone, "欧阳秀英", "a-long-password");
  await visit("/");
  const nav = page.getByRole("navigation", { name: "主导航" });
  await expect(nav.getByRole("link", { name: "提出诉求" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "查询进度" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "我的诉求" })).toBeVisible();
  await expect(nav.getByRole("link", { name: /^消息/ })).toBeVisible();
  await expect(nav.getByRole("link", { name: "工作台" })).toHaveCount(0);
  await checkHeader(page, "signed in");
  // The rest is one tap away (a <details>: no JavaScript needed).
  await expect(nav.getByRole("link", { name: "议事厅" })).toBeHidden();
  const opened = await menu(page);
  await expect(opened.getByRole("link", { name: "议事厅" })).toBeVisible();
  await expect(opened.getByText("欧阳秀英")).toBeVisible();
  await opened.getByRole("link", { name: "三率排名" }).click();
  await expect(page).toHaveURL(/\/measures$/);
});

test("no page scrolls sideways at 360 or 320 px, in either text size", async ({ page, visit, browser, javaScriptEnabled, context, baseURL }) => {
  test.setTimeout(120_000);
  const pages = [
    "/", "/requests", "/lookup", "/measures", "/measures/streets", "/measures/districts/110108",
    "/measures/units/street:110108025", "/topics", "/consultations", "/areas", "/areas/110108", "/help", "/sign-in", "/register",
    "/reset-password", "/no-such-page",
  ];
  const phone = freshPhone();
  await registerResident(page, visit, phone, "一位住在很长很长的名字的胡同里的居民", "a-long-password");
  const signedIn = ["/requests/new", "/requests/mine", "/inbox", "/account", "/verifications"];
  // Staff pages, each seen by its staff.
  const staff: [Page, string][] = [
    [await staffPage(browser, javaScriptEnabled, "13800000005", "jiesu-admin"), "/admin"],
    [await staffPage(browser, javaScriptEnabled, "13800000002", "jiesu-dispatcher"), "/staff"],
  ];
  for (const size of ["standard", "large"]) {
    for (const p of [page, ...staff.map(([p]) => p)]) {
      await p.context().addCookies([{ name: "jiesu_text", value: size, url: baseURL }]);
    }
    for (const width of [360, 320]) {
      await page.setViewportSize({ width, height: 800 });
      for (const path of [...pages, ...signedIn]) {
        await visit(path);
        expect(await sideways(page), `${path} at ${width} px, ${size} text`).toBeLessThanOrEqual(0);
      }
      for (const [p, path] of staff) {
        await p.setViewportSize({ width, height: 800 });
        await p.goto(path);
        expect(await sideways(p), `${path} at ${width} px, ${size} text`).toBeLessThanOrEqual(0);
      }
    }
  }
  for (const [p] of staff) await p.context().close();
});

test("长辈模式 makes everything larger, is remembered, and switches back", async ({ page, visit }) => {
  await visit("/areas/110108");
  const size = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  const standard = await size();
  await page.getByRole("link", { name: "长辈模式" }).click();
  await expect(page).toHaveURL(/\/areas\/110108$/);
  await expect(page.locator("html")).toHaveClass(/large-text/);
  await expect.poll(size).toBeGreaterThanOrEqual(standard * 1.2);
  await visit("/measures");
  await expect(page.locator("html")).toHaveClass(/large-text/);
  await checkHeaderLabels(page);
  await page.getByRole("link", { name: "标准模式" }).click();
  await expect(page.locator("html")).not.toHaveClass(/large-text/);
  await expect.poll(size).toBe(standard);
});

async function checkHeaderLabels(page: Page) {
  for (const { label, lines } of await labelLines(page)) expect(lines, `"${label}" on one line`).toBe(1);
}

test("chart labels stay readable on a phone", async ({ page, visit }) => {
  await visit("/measures");
  const sizes = await page.locator("figure.chart").evaluateAll((figures) =>
    figures.flatMap((f) =>
      [...f.querySelectorAll("text, .bar-label, .bar-value")].map((t) => {
        const r = t.getBoundingClientRect();
        // An SVG text's drawn size is its font size times the drawing's scale.
        const svg = t.closest("svg");
        const scale = svg && t instanceof SVGTextElement ? svg.getBoundingClientRect().width / svg.viewBox.baseVal.width : 1;
        return { text: t.textContent, px: parseFloat(getComputedStyle(t).fontSize) * scale, shown: r.width > 0 };
      }),
    ),
  );
  expect(sizes.length).toBeGreaterThan(10);
  for (const s of sizes.filter((s) => s.shown)) expect(s.px, `"${s.text}"`).toBeGreaterThanOrEqual(12);
});

test("a table wider than the phone scrolls with the keyboard", async ({ page, visit }) => {
  await visit("/measures");
  // The comparison table is there whatever the month's figures.
  const region = page.getByRole("region", { name: "本月与上月" });
  await expect(region).toBeVisible();
  await region.focus();
  await expect(region).toBeFocused();
  const before = await region.evaluate((r) => r.scrollLeft);
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await expect.poll(() => region.evaluate((r) => r.scrollLeft)).toBeGreaterThan(before);
});

test("the home page leads with filing and looking a request up", async ({ page, visit }) => {
  await visit("/");
  const main = page.getByRole("main");
  await expect(main.getByRole("link", { name: "提出诉求" })).toBeInViewport();
  await expect(main.getByLabel(/受理编号/)).toBeInViewport();
  await main.getByLabel(/受理编号/).fill("20000101-000001");
  await main.getByRole("button", { name: "查询" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("找不到这个页面");
});

test("an unverified resident is told why there is no ballot, and a late ballot says it was too late", async ({ page, visit, browser, javaScriptEnabled }) => {
  const url = process.env.JIESU_E2E_DATABASE_URL ?? "";
  const title = `早点截止 ${Math.floor(Math.random() * 1e6)}`;
  const id = execFileSync("psql", [url, "-qtAX", "-v", "ON_ERROR_STOP=1", "-c",
    `with c as (
       insert into consultations (area_id, title, background, question, max_choices, results_shown, opens_at, closes_at, status, created_by)
       select (select id from areas where code = '110108025014'), '${title}', '背景', '怎么办？', 1, 'after_close',
              now() - interval '1 hour', now() + interval '7 days', 'published', (select id from users where phone = '13800000005')
       returning id)
     insert into consultation_options (consultation_id, position, label) select id, p, l from c, (values (1, '甲'), (2, '乙')) v(p, l)
     returning consultation_id`], { encoding: "utf8" }).trim().split("\n")[0];
  const address = `/consultations/${id}`;

  const phone = freshPhone();
  await registerResident(page, visit, phone, "付大爷", "a-long-password");
  await visit(address);
  await expect(page.getByRole("button", { name: "提交投票" })).toHaveCount(0);
  await expect(page.getByText("只有在本区域通过居民认证的居民可以投票")).toBeVisible();
  await expect(page.getByRole("link", { name: "申请居民认证" })).toBeVisible();

  // Verified, the ballot is there; staff close it while the resident is choosing.
  verifyResident(phone);
  await visit(address);
  await page.getByLabel("甲").check();
  const staff = await staffPage(browser, javaScriptEnabled, newAreaStaff("110108025014"), "jiesu-handler", address);
  await staff.getByRole("button", { name: "立即截止" }).click();
  await expect(staff.locator(".meta")).toContainText("提前截止");
  await staff.context().close();
  await page.getByRole("button", { name: "提交投票" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "没有办成" })).toContainText("投票");
  await expect(page.getByRole("button", { name: "提交投票" })).toHaveCount(0);
});
