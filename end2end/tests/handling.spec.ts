import { test, expect } from "./fixtures";
import { ONE_PIXEL_PNG, freshPhone, newHandler, registerResident, signIn, staffPage, takeStep } from "./helpers";

test("a request goes from the resident through dispatch, a whistle and a check-in to resolution", async ({ page, visit, browser, javaScriptEnabled }) => {
  // The resident files (in their own community per project, so the two runs never meet).
  await registerResident(page, visit, freshPhone(), "赵大爷", "a-long-password");
  await visit("/requests/new");
  if (javaScriptEnabled) {
    // Hydrated: the category search finds the one match and chooses it.
    await page.getByRole("searchbox", { name: "搜索类别" }).fill("绿化");
    await expect(page.getByLabel("分类").locator("option:checked")).toHaveText("园林绿化");
  } else {
    await expect(page.getByRole("searchbox", { name: "搜索类别" })).toBeHidden();
    await page.getByLabel("社区（村）").selectOption({ label: "世纪城时雨园社区" });
    await page.getByLabel("分类").selectOption({ label: "园林绿化" });
  }
  await page.getByLabel("类型").selectOption({ label: "求助" });
  await page.getByLabel("请描述事情经过（10–2000字）").fill("小区绿地的大树枝折断了，悬在人行道上方，很危险");
  await page.getByRole("button", { name: "提交诉求" }).click();
  await expect(page.getByRole("status").first()).toContainText("已收到您的诉求");
  const number = (await page.locator(".notice-ok .tracking").textContent()) ?? "";
  expect(number).toMatch(/^\d{8}-\d{6}$/);

  const staff = (phone: string, password: string) => staffPage(browser, javaScriptEnabled, phone, password);
  const take = takeStep;

  // The dispatcher finds it in the intake queue and dispatches it to the street office.
  const dispatcher = await staff("13800000002", "jiesu-dispatcher");
  await dispatcher.getByRole("banner").getByRole("link", { name: "工作台" }).click();
  await expect(dispatcher.getByRole("heading", { level: 1 })).toHaveText("待派单");
  await dispatcher.getByRole("link", { name: number }).click();
  await dispatcher.getByLabel("承办单位").selectOption({ label: "曙光街道办事处" });
  await take(dispatcher, "派单");
  // The resident hears of it: live on the open page when hydrated, on the next page without.
  if (!javaScriptEnabled) await page.reload();
  await expect(page.locator(".inbox-link .badge")).toHaveText("1");

  // The street office accepts, answers the resident and blows the whistle on city management.
  const handler = await staff("13800000003", "jiesu-handler");
  await handler.goto("/staff");
  await expect(handler.getByRole("heading", { level: 1 })).toHaveText("本单位待办");
  await handler.getByRole("link", { name: number }).click();
  await take(handler, "接单");
  await handler.getByLabel("联系市民的情况（市民可见）").fill("已电话联系赵大爷，下午派人修剪");
  await take(handler, "联系市民（首次响应）");
  await handler.getByRole("checkbox", { name: "北京市城市管理委员会" }).check();
  await handler.getByLabel("吹哨事由").fill("树枝悬在人行道上方，需城管协助封路");
  await take(handler, "吹哨");

  // City management finds the summons at the top of its queue and checks in.
  const summoned = await staff(newHandler("city_management"), "jiesu-handler");
  await summoned.goto("/staff");
  await expect(summoned.locator(".queue li").first()).toContainText("曙光街道办事处吹哨召集");
  await summoned.getByRole("link", { name: number }).click();
  await take(summoned, "报到");
  await summoned.getByLabel("本单位的办理情况").fill("已派执法队员到场，协助封路");
  await take(summoned, "报送协同办理情况");

  // The street office rates city management's part (once), scores 1–5 each.
  await handler.reload();
  await handler.getByLabel("到位（是否按时到场）").selectOption({ label: "5 很好" });
  await handler.getByLabel("配合", { exact: true }).selectOption({ label: "4 较好" });
  await handler.getByLabel("效果", { exact: true }).selectOption({ label: "4 较好" });
  await take(handler, "评价协同单位");
  await expect(handler.locator(".summons-rating")).toHaveText("街道评价：到位 5 · 配合 4 · 效果 4");
  await expect(handler.getByRole("button", { name: "评价协同单位", exact: true })).toHaveCount(0);

  // The street office resolves it with a public explanation.
  await handler.getByLabel("办结类型").selectOption({ label: "已解决" });
  await handler.getByLabel("办结说明（公开，市民会看到）").fill("断枝已修剪清理，人行道恢复通行");
  await handler.getByLabel("办理结果照片（可选，最多 4 张）").setInputFiles({ name: "after.png", mimeType: "image/png", buffer: Buffer.from(ONE_PIXEL_PNG, "base64") });
  await take(handler, "办结");

  // The resident sees every step on the timeline.
  await visit(`/requests/${number}`);
  const timeline = page.locator(".timeline");
  for (const step of ["提交了诉求", "已派单", "已接单", "已联系市民", "吹哨：召集相关单位", "报到", "已办结"]) {
    await expect(timeline.getByText(step, { exact: true })).toBeVisible();
  }
  await expect(timeline.getByText("断枝已修剪清理，人行道恢复通行")).toBeVisible();
  // The photo of the result comes with the resolution.
  await expect(timeline.locator("li").last().locator("img")).toHaveCount(1);
  await expect(page.locator(".summons")).toContainText("已报到");
  await expect(page.locator(".facts")).toContainText("曙光街道办事处");

  // The inbox lists what happened; reading it clears the badge.
  await page.locator(".inbox-link").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("消息");
  for (const kind of ["已派单", "已接单", "已联系市民", "已办结"]) {
    await expect(page.locator(".inbox").getByText(kind, { exact: true })).toBeVisible();
  }
  await page.getByRole("button", { name: "全部标为已读" }).click();
  await expect(page.locator(".inbox-link .badge")).toBeHidden();

  // Not fixed after all: the resident says so, and asks for it to be handled again.
  await visit(`/requests/${number}`);
  await page.getByRole("radio", { name: "未解决", exact: true }).check();
  await page.getByRole("radio", { name: "不满意", exact: true }).check();
  await page.getByRole("checkbox", { name: "办理结果" }).check();
  await page.getByRole("button", { name: "提交评价" }).click();
  await expect(page.locator(".notice-ok[role=status]")).toHaveText("已完成：提交评价");
  await expect(page.locator(".your-rating")).toContainText("未解决");
  await page.getByLabel("还有什么问题没解决").fill("树又长出来挡路了，还是危险");
  await page.getByRole("button", { name: "申请重办" }).click();
  await expect(page.locator(".notice-ok[role=status]")).toHaveText("已完成：申请重办");
  await expect(page.locator(".timeline")).toContainText("重新办理");
  await expect(page.locator(".facts")).toContainText("已派单");
});

test("a unit's workspace lists only what concerns that unit", async ({ page, visit }) => {
  await signIn(page, visit, newHandler("waterworks"), "jiesu-handler");
  await visit("/staff");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("本单位待办");
  await expect(page.getByText("现在没有待办的诉求。")).toBeVisible();
});
