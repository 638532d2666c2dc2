import AxeBuilder from "@axe-core/playwright";
import { test, expect, type Page } from "./fixtures";
import { freshPhone, registerResident, staffPage } from "./helpers";

// axe-core (WCAG 2.1 A and AA rules) on every page, in both languages, at a phone's width: no
// violation at all.
test.use({ viewport: { width: 360, height: 800 } });

async function violations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(result.passes.length, "axe ran its rules").toBeGreaterThan(10);
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
}

const publicPages = [
  "/", "/requests", "/lookup", "/measures", "/measures/streets", "/measures/districts/110108",
  "/measures/units/street:110108025", "/topics", "/consultations", "/areas", "/areas/110108", "/help", "/sign-in",
  "/register", "/reset-password", "/volunteers", "/volunteers/areas/110108025014",
  "/volunteers/areas/110108025", "/no-such-page",
];

for (const lang of ["zh-CN", "en"]) {
  test(`every page passes axe (${lang})`, async ({ page, visit, context, browser, javaScriptEnabled, baseURL }) => {
    // axe runs as a script in the page, which JavaScript off forbids; the HTML it checks is the
    // same server-rendered page either way.
    test.skip(!javaScriptEnabled, "axe needs JavaScript in the page");
    test.setTimeout(180_000);
    await context.addCookies([{ name: "jiesu_lang", value: lang, url: baseURL }]);
    const found: string[] = [];
    for (const path of publicPages) {
      await visit(path);
      for (const v of await violations(page)) found.push(`${path}: ${v}`);
    }
    // A resident's own pages (registered in Chinese: the helper reads Chinese labels).
    await context.clearCookies();
    await registerResident(page, visit, freshPhone(), "尹阿姨", "a-long-password");
    await context.addCookies([{ name: "jiesu_lang", value: lang, url: baseURL }]);
    for (const path of ["/", "/requests/new", "/requests/mine", "/inbox", "/account", "/volunteers"]) {
      await visit(path);
      for (const v of await violations(page)) found.push(`${path} (resident): ${v}`);
    }
    for (const [phone, password, path] of [
      ["13800000005", "jiesu-admin", "/admin"],
      ["13800000002", "jiesu-dispatcher", "/staff"],
      ["13800000004", "jiesu-staff", "/verifications"],
      ["13800000006", "jiesu-community", "/volunteers"],
    ]) {
      const staff = await staffPage(browser, javaScriptEnabled, phone, password);
      await staff.context().addCookies([{ name: "jiesu_lang", value: lang, url: baseURL }]);
      await staff.goto(path);
      for (const v of await violations(staff)) found.push(`${path} (staff): ${v}`);
      await staff.context().close();
    }
    expect(found).toEqual([]);
  });
}
