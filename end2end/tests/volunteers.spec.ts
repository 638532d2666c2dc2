import { test, expect } from "./fixtures";
import { ONE_PIXEL_PNG, freshPhone, newAreaStaff, registerResident, staffPage, takeStep, verifyResident } from "./helpers";

/** A date `days` from today in Beijing, as a date field takes it. */
function beijingDay(days: number): string {
  return new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

test("a community appoints a steward, a party member reports and signs up, and the roster shows the shift covered", async ({ page, visit, browser, javaScriptEnabled }) => {
  const run = Math.floor(Math.random() * 1e6);
  // The steward-to-be: a resident verified in 上河村社区.
  const stewardPhone = freshPhone();
  const stewardContext = await browser.newContext({ javaScriptEnabled });
  const stewardPage = await stewardContext.newPage();
  const stewardVisit = async (to: string) => {
    await stewardPage.goto(to);
    if (javaScriptEnabled) await expect(stewardPage.locator("body[data-hydrated]")).toBeAttached();
  };
  await registerResident(stewardPage, stewardVisit, stewardPhone, `管家${run}`, "a-long-password");
  verifyResident(stewardPhone);

  // A working party member reports to their community; the organisation is required.
  const member = `党员${run}`;
  await registerResident(page, visit, freshPhone(), member, "a-long-password");
  await visit("/volunteers");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("志愿服务");
  await expect(page.getByText("您还没有加入志愿服务。")).toBeVisible();
  await page.getByRole("button", { name: "到社区报到" }).click();
  await expect(page.locator("#organisation-error")).toHaveText("请写明党组织名称。");
  await page.getByLabel("工作单位党组织名称").fill("某科技有限公司党支部");
  await page.getByRole("button", { name: "到社区报到" }).click();
  await expect(page.locator(".notice-ok")).toHaveText("已提交，请等待社区确认。");
  await expect(page.locator(".volunteer-list")).toContainText("待社区确认");

  // The community's staff appoint the steward, confirm the party member and post a roster.
  const staff = await staffPage(browser, javaScriptEnabled, newAreaStaff("110108025014"), "jiesu-handler", "/volunteers");
  await expect(staff.getByRole("heading", { level: 1 })).toHaveText("志愿服务");
  await staff.getByLabel("居民手机号").fill(stewardPhone);
  await staff.getByLabel("负责片区（楼栋或街巷）").fill("3号楼至5号楼");
  await staff.getByRole("button", { name: "任命", exact: true }).click();
  await expect(staff.locator(".notice-ok")).toHaveText("已任命小巷管家。");
  await expect(staff.locator(".volunteer-list li", { hasText: `管家${run}` })).toContainText("小巷管家");
  const pending = staff.locator(".volunteer-list li", { hasText: member });
  await expect(pending).toContainText("某科技有限公司党支部");
  await pending.getByRole("button", { name: "确认" }).click();
  await expect(staff.locator(".notice-ok")).toHaveText("已处理。");
  await expect(staff.locator(".volunteer-list li", { hasText: member })).toContainText("在岗");

  const duty = `桶前值守${run}`;
  const rosterForm = staff.locator("form", { has: staff.getByRole("button", { name: "发布排班" }) });
  await rosterForm.getByLabel("值守内容").fill(duty);
  await rosterForm.getByLabel("地点", { exact: true }).fill("3号楼西侧桶站");
  for (const day of ["周一", "周二", "周三", "周四", "周五", "周六", "周日"]) {
    await rosterForm.getByLabel(day, { exact: true }).check();
  }
  await rosterForm.getByLabel("每班人数").fill("1");
  await rosterForm.getByLabel("第一天").fill(beijingDay(1));
  await rosterForm.getByLabel("最后一天（最长 92 天）").fill(beijingDay(1));
  await staff.getByRole("button", { name: "发布排班" }).click();
  await expect(staff.locator(".notice-ok")).toHaveText("值守排班已发布。");
  const staffShift = staff.locator(".roster", { hasText: duty });
  await expect(staffShift).toContainText("还差 1 人");

  // The party member signs up for the one place; the shift is then covered.
  await visit("/volunteers");
  const shift = page.locator(".roster", { hasText: duty });
  await expect(shift).toContainText("已报名 0/1 人");
  await shift.getByRole("button", { name: "报名" }).click();
  await expect(page.locator(".notice-ok")).toHaveText("报名成功。请按时到岗。");
  await expect(page.locator(".roster", { hasText: duty })).toContainText("已满员");
  await expect(page.locator(".roster", { hasText: duty })).toContainText("我已报名");

  await staff.reload();
  await expect(staff.locator(".roster", { hasText: duty })).toContainText("已满员");
  await expect(staff.locator(".roster", { hasText: duty })).toContainText(`报名人：${member}`);
  await staff.context().close();

  // The steward hears of the appointment.
  await stewardVisit("/inbox");
  await expect(stewardPage.getByText("您已被任命为小巷管家")).toBeVisible();
  await stewardContext.close();
});

test("a steward reports a problem from their patch and later confirms the fix on site", async ({ page, visit, browser, javaScriptEnabled }) => {
  const run = Math.floor(Math.random() * 1e6);
  const phone = freshPhone();
  await registerResident(page, visit, phone, `管家${run}`, "a-long-password");
  verifyResident(phone);
  const staff = await staffPage(browser, javaScriptEnabled, newAreaStaff("110108025014"), "jiesu-handler", "/volunteers");
  await staff.getByLabel("居民手机号").fill(phone);
  await staff.getByLabel("负责片区（楼栋或街巷）").fill("7号楼至9号楼");
  await staff.getByRole("button", { name: "任命", exact: true }).click();
  await expect(staff.locator(".notice-ok")).toHaveText("已任命小巷管家。");

  // On patrol: straight into the community committee's queue.
  await visit("/volunteers");
  await page.getByRole("link", { name: "上报巡查发现的问题" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("小巷管家上报");
  await expect(page.getByLabel("社区（村）")).toHaveValue("110108025014");
  await page.getByLabel("类型").selectOption({ label: "举报" });
  await page.getByLabel("分类").selectOption("environment.noise");
  const what = `巡查发现8号楼楼道灯不亮，晚上老人上下楼不便（${run}）`;
  await page.getByLabel("请描述事情经过（10–2000字）").fill(what);
  await page.getByRole("button", { name: "立案" }).click();
  await expect(page.getByRole("status").first()).toContainText("已立案，编号");
  const number = (await page.locator(".notice-ok .tracking").textContent()) ?? "";
  expect(number).toMatch(/^\d{8}-\d{6}$/);
  await expect(page.locator(".facts")).toContainText("巡查发现 · 上河村社区居民委员会");

  // The community's staff settle it.
  await staff.goto(`/requests/${number}`);
  await staff.getByLabel("办结类型").selectOption({ label: "已解决" });
  await staff.getByLabel("办结说明（公开，市民会看到）").fill("已更换楼道灯");
  await takeStep(staff, "办结");
  await staff.context().close();

  // The steward goes to look, and confirms it with a photo.
  await visit("/volunteers");
  const item = page.locator(".confirm-list li", { hasText: number });
  await item.getByRole("button", { name: "现场确认已解决" }).click();
  await expect(page.getByText("请拍一张现场照片。").first()).toBeVisible();
  await page.locator(".confirm-list li", { hasText: number }).getByLabel("现场照片")
    .setInputFiles({ name: "fixed.png", mimeType: "image/png", buffer: Buffer.from(ONE_PIXEL_PNG, "base64") });
  await page.locator(".confirm-list li", { hasText: number }).getByLabel("说明（选填）").fill("晚上看过，灯亮了");
  await page.locator(".confirm-list li", { hasText: number }).getByRole("button", { name: "现场确认已解决" }).click();
  await expect(page.locator(".notice-ok")).toHaveText("已确认，谢谢您的巡查。");
  await expect(page.locator(".confirm-list li", { hasText: number })).toContainText("已确认");
  await visit(`/requests/${number}`);
  await expect(page.locator(".timeline").getByText("小巷管家现场确认已解决")).toBeVisible();
  await expect(page.locator(".timeline")).toContainText("晚上看过，灯亮了");
  // Nobody rates a found case.
  await expect(page.getByRole("button", { name: "提交评价" })).toHaveCount(0);
});

test("an organisation reports and answers a community's ask, a volunteer takes on a need, and the community's page shows who serves", async ({ page, visit, browser, javaScriptEnabled }) => {
  const run = Math.floor(Math.random() * 1e6);
  const contact = `联系人${run}`;
  await registerResident(page, visit, freshPhone(), contact, "a-long-password");

  // The organisation's contact reports it; it must offer something.
  await visit("/volunteers");
  const organisation = `某医院党委${run}`;
  const report = page.locator("form", { has: page.getByRole("button", { name: "提交报到" }) });
  await report.getByLabel("单位党组织名称", { exact: true }).fill(organisation);
  await report.getByLabel("联系人", { exact: true }).fill("王书记");
  await report.getByLabel("联系人手机号").fill("13900000499");
  await page.getByRole("button", { name: "提交报到" }).click();
  await expect(page.getByText("请至少填写一项能提供的资源。").first()).toBeVisible();
  await page.locator("form", { has: page.getByRole("button", { name: "提交报到" }) })
    .getByLabel("场地", { exact: true }).fill("会议室一间，可容纳 30 人");
  // What was typed is still there (without JavaScript, the form came back from the server).
  await expect(page.locator("form", { has: page.getByRole("button", { name: "提交报到" }) })
    .getByLabel("单位党组织名称", { exact: true })).toHaveValue(organisation);
  await page.getByRole("button", { name: "提交报到" }).click();
  await expect(page.locator(".notice-ok")).toHaveText("已提交，请等待社区或街道确认。");
  await expect(page.locator(".volunteer-list li", { hasText: organisation })).toContainText("待社区确认");
  // And joins the volunteers, to take on the community's needs.
  await page.getByRole("button", { name: "申请加入" }).click();
  await expect(page.locator(".notice-ok")).toHaveText("已提交，请等待社区确认。");

  // The community's staff confirm both, ask for the room and post a need.
  const staff = await staffPage(browser, javaScriptEnabled, newAreaStaff("110108025014"), "jiesu-handler", "/volunteers");
  const item = staff.locator(".volunteer-list li", { hasText: organisation });
  await expect(item).toContainText("13900000499");
  await item.getByRole("button", { name: "确认" }).click();
  await expect(staff.locator(".notice-ok")).toHaveText("已处理。");
  await staff.locator(".volunteer-list li", { hasText: contact }).getByRole("button", { name: "确认" }).click();
  await expect(staff.locator(".notice-ok")).toHaveText("已处理。");
  const confirmed = staff.locator(".volunteer-list li", { hasText: organisation });
  await expect(confirmed).toContainText("在岗");
  await confirmed.getByText("提出需求", { exact: true }).first().click();
  await confirmed.getByLabel("需要什么").fill("周六居民议事会借会议室");
  await confirmed.getByRole("button", { name: "提出需求" }).click();
  await expect(staff.locator(".notice-ok")).toHaveText("需求已发给单位联系人。");

  const need = `帮独居老人买菜${run}`;
  const needForm = staff.locator("form", { has: staff.getByRole("button", { name: "发布需求" }) });
  await needForm.getByLabel("标题").fill(need);
  await needForm.getByLabel("需要做什么").fill("三位独居老人，每人一份菜单，送到家门口");
  await needForm.getByLabel("地点", { exact: true }).fill("社区服务站集合");
  await needForm.getByLabel("日期").fill(beijingDay(2));
  await needForm.getByLabel("需要几人").fill("1");
  await staff.getByRole("button", { name: "发布需求" }).click();
  await expect(staff.locator(".notice-ok")).toHaveText("社区需求已发布。");

  // The contact answers; the volunteer takes on the need and chooses the board.
  await visit("/volunteers");
  const ask = page.locator(".volunteer-list li", { hasText: "周六居民议事会借会议室" });
  await expect(ask).toContainText("待答复");
  await ask.getByLabel("说明（选填）").fill("周六上午可用");
  await ask.getByRole("button", { name: "同意提供" }).click();
  await expect(page.locator(".notice-ok")).toHaveText("已答复，社区会收到通知。");
  await expect(page.locator(".volunteer-list li", { hasText: "周六居民议事会借会议室" })).toContainText("已同意");
  const needed = page.locator(".roster", { hasText: need });
  await expect(needed).toContainText("三位独居老人");
  await needed.getByRole("button", { name: "报名" }).click();
  await expect(page.locator(".notice-ok")).toHaveText("报名成功。请按时到岗。");
  await expect(page.locator(".roster", { hasText: need })).toContainText("已满员");
  await page.getByRole("button", { name: "上榜" }).click();
  await expect(page.locator(".notice-ok")).toHaveText("已上榜。");

  await staff.reload();
  const answered = staff.locator(".volunteer-list li", { hasText: organisation }).filter({ hasText: "周六居民议事会借会议室" });
  await expect(answered).toContainText("已同意");
  await expect(answered).toContainText("周六上午可用");
  await staff.context().close();

  // Anyone sees who serves the community: the organisation without its contact, the board.
  const visitor = await browser.newContext({ javaScriptEnabled });
  const outside = await visitor.newPage();
  await outside.goto("/volunteers/areas/110108025014");
  await expect(outside.getByRole("heading", { level: 1 })).toHaveText("上河村社区 · 志愿服务");
  await expect(outside.locator(".volunteer-list li", { hasText: organisation })).toContainText("会议室一间");
  await expect(outside.getByText("13900000499")).toHaveCount(0);
  await expect(outside.locator(".board")).toContainText(contact);
  await visitor.close();
});
