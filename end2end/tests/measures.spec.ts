import { test, expect, type Page } from "./fixtures";
import { freshPhone, newHandler, registerResident, staffPage, takeStep } from "./helpers";

// Each project works with its own street office and community, so the two runs never count
// in each other's figures.
const setups = {
  hydrated: { unit: "street:110108001", unitName: "万寿路街道办事处", community: "世纪城晴雪园社区" },
  "no-js": { unit: "street:110108002", unitName: "永定路街道办事处", community: "世纪城时雨园社区" },
};

/** This month's figure in the row `label` of the "this month and last month" table. */
function thisMonth(page: Page, label: string) {
  return page
    .locator("table.compare tr", { has: page.getByRole("rowheader", { name: label, exact: true }) })
    .locator("td")
    .first();
}

test("a resident's rating changes the dashboard's figures for the unit that resolved it", async ({ page, visit, browser, javaScriptEnabled }, info) => {
  const setup = setups[info.project.name as keyof typeof setups];
  const unitPage = `/measures/units/${setup.unit}`;
  await visit(unitPage);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(setup.unitName);
  const ratedBefore = Number(await thisMonth(page, "已评价").textContent());
  const satisfiedBefore = Number(await thisMonth(page, "满意").textContent());

  // A request, dispatched to the unit, answered and resolved.
  await registerResident(page, visit, freshPhone(), "钱阿姨", "a-long-password");
  await visit("/requests/new");
  await page.getByLabel("社区（村）").selectOption({ label: setup.community });
  await page.getByLabel("类型").selectOption({ label: "求助" });
  await page.getByLabel("分类").selectOption({ label: "燃气" });
  await page.getByLabel("请描述事情经过（10–2000字）").fill("楼道里有燃气味，担心管道漏气，请尽快派人检查");
  await page.getByRole("button", { name: "提交诉求" }).click();
  await expect(page.getByRole("status").first()).toContainText("已收到您的诉求");
  const number = (await page.locator(".notice-ok .tracking").textContent()) ?? "";

  const staff = (phone: string, password: string) => staffPage(browser, javaScriptEnabled, phone, password, `/requests/${number}`);
  const take = takeStep;
  const dispatcher = await staff("13800000002", "jiesu-dispatcher");
  await dispatcher.getByLabel("承办单位").selectOption({ label: setup.unitName });
  await take(dispatcher, "派单");
  const handler = await staff(newHandler(setup.unit), "jiesu-handler");
  await take(handler, "接单");
  await handler.getByLabel("联系市民的情况（市民可见）").fill("已电话联系，马上派燃气公司上门");
  await take(handler, "联系市民（首次响应）");
  await handler.getByLabel("办结类型").selectOption({ label: "已解决" });
  await handler.getByLabel("办结说明（公开，市民会看到）").fill("燃气公司已检修接口，漏点已处理");
  await take(handler, "办结");

  // The resident rates it: resolved, very satisfied.
  await visit(`/requests/${number}`);
  await page.getByRole("radio", { name: "已解决", exact: true }).check();
  await page.getByRole("radio", { name: "非常满意", exact: true }).check();
  await page.getByRole("button", { name: "提交评价" }).click();
  await expect(page.locator(".notice-ok[role=status]")).toHaveText("已完成：提交评价");

  // The unit's figures follow within seconds (the worker folds the counts into the rollups).
  await expect(async () => {
    await visit(unitPage);
    await expect(thisMonth(page, "已评价")).toHaveText(String(ratedBefore + 1), { timeout: 500 });
  }).toPass({ timeout: 20_000 });
  await expect(thisMonth(page, "满意")).toHaveText(String(satisfiedBefore + 1));
  await expect(thisMonth(page, "解决率")).not.toHaveText("—");
  // The chart and its table say the same, and the formulas are on the page.
  await expect(page.getByRole("img", { name: /近 12 个月的三率/ })).toBeVisible();
  await expect(page.getByText("综合得分 = 响应率 × 10% + 解决率 × 45% + 满意率 × 45%", { exact: false })).toBeVisible();

  // The city's ranking links to the sortable table, which sorts by a column heading.
  await visit("/measures");
  await page.getByRole("link", { name: "全部街道排名（可排序）" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("街道月度排名");
  await page.getByRole("columnheader", { name: /诉求量/ }).getByRole("link").click();
  await expect(page.getByRole("columnheader", { name: /诉求量/ })).toHaveAttribute("aria-sort", "descending");

  // A month that does not exist is refused in words.
  await visit("/measures?month=2026-13");
  await expect(page.getByRole("alert")).toContainText("月份格式应为 2026-11");
});

test("a street's page ranks every community, and a community's shows its year by category", async ({ page, visit }) => {
  // From the area list: 曙光街道's figures, then one of its communities.
  await visit("/areas/110108025");
  await page.getByRole("link", { name: /三率：按月的响应率/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("曙光街道");
  await expect(page.getByRole("heading", { name: "各社区（村）" })).toBeVisible();
  await page.getByRole("link", { name: "上河村社区", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("上河村社区");
  // Every category is in the year's table, those with no request at all too.
  const year = page.locator("section", { has: page.getByRole("heading", { name: /各类诉求/ }) });
  await expect(year.getByRole("rowheader", { name: "垃圾分类", exact: true })).toBeVisible();
  await expect(year.getByRole("rowheader", { name: "燃气", exact: true })).toBeVisible();
  // Up to the street again.
  await page.getByRole("link", { name: "曙光街道三率" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("曙光街道");
});
