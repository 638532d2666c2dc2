import { test, expect } from "./fixtures";
import { newHandler, staffPage, takeStep } from "./helpers";

test("a street patrol case summons two departments, rates their check-ins and is confirmed by the street", async ({ browser, javaScriptEnabled }) => {
  const staff = (phone: string) => staffPage(browser, javaScriptEnabled, phone, "jiesu-handler");
  // A handler of 曙光街道办事处 of its own (the two projects never share a workspace).
  const street = await staff(newHandler("street:110108025"));
  await street.goto("/staff");
  await street.getByRole("link", { name: "登记主动发现的问题" }).click();
  await expect(street.getByRole("heading", { level: 1 })).toHaveText("登记主动发现的问题");
  // The form starts in the street's own communities.
  await street.getByLabel("社区（村）").selectOption("110108025014");
  await street.getByLabel("怎么发现的").selectOption({ label: "巡查发现" });
  await street.getByLabel("类型").selectOption({ label: "举报" });
  await street.getByLabel("分类").selectOption("environment.noise");
  await street.getByLabel("请描述事情经过（10–2000字）").fill("巡查发现3号楼东侧空调外机噪音扰民，夜间尤甚");
  await street.getByText("同时召集这些部门（吹哨，可不选）").click();
  await street.getByRole("checkbox", { name: "北京市城市管理委员会" }).check();
  await street.getByRole("checkbox", { name: "北京市生态环境局" }).check();
  // A found case names no resident.
  await expect(street.getByRole("checkbox", { name: "公开显示我的称呼" })).toHaveCount(0);
  await street.getByRole("button", { name: "立案" }).click();
  await expect(street.getByRole("status").first()).toContainText("已立案，编号");
  const number = (await street.locator(".notice-ok .tracking").textContent()) ?? "";
  expect(number).toMatch(/^\d{8}-\d{6}$/);
  await expect(street.locator(".facts")).toContainText("巡查发现 · 曙光街道办事处");
  await expect(street.locator(".facts")).toContainText("办理中");

  // Both departments find the summons in their queue, check in and post their part.
  for (const [code, part] of [["city_management", "已派执法队员到场核查"], ["ecology", "已到场检测噪音"]]) {
    const summoned = await staff(newHandler(code));
    await summoned.goto("/staff");
    await expect(summoned.locator(".queue li").first()).toContainText("曙光街道办事处吹哨召集");
    await summoned.getByRole("link", { name: number }).click();
    await takeStep(summoned, "报到");
    await summoned.getByLabel("本单位的办理情况").fill(part);
    await takeStep(summoned, "报送协同办理情况");
    await summoned.context().close();
  }

  // The street rates each department's part, then settles the case itself.
  await street.goto(`/requests/${number}`);
  for (const unit of ["北京市城市管理委员会", "北京市生态环境局"]) {
    await street.getByLabel("评价哪个单位").selectOption({ label: unit });
    await street.getByLabel("到位（是否按时到场）").selectOption({ label: "5 很好" });
    await street.getByLabel("配合", { exact: true }).selectOption({ label: "4 较好" });
    await street.getByLabel("效果", { exact: true }).selectOption({ label: "5 很好" });
    await takeStep(street, "评价协同单位");
  }
  await expect(street.locator(".summons-rating")).toHaveCount(2);
  await street.getByLabel("办结类型").selectOption({ label: "已解决" });
  await street.getByLabel("办结说明（公开，市民会看到）").fill("空调外机已加装减震垫，夜间复查无噪音");
  await takeStep(street, "办结");
  // No resident rates it: the street office confirms it is fixed.
  await expect(street.getByRole("button", { name: "提交评价" })).toHaveCount(0);
  await street.getByLabel("确认说明（选填，如现场核实情况）").fill("夜间到现场复查，已无噪音");
  await takeStep(street, "确认已解决（结案）");
  await expect(street.locator(".facts")).toContainText("已结案");
  const timeline = street.locator(".timeline");
  for (const step of ["主动发现，立案办理", "吹哨：召集相关单位", "报到", "已办结", "街道确认已解决"]) {
    await expect(timeline.getByText(step, { exact: true }).first()).toBeVisible();
  }
});
