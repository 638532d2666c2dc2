import { test, expect } from "./fixtures";
import { freshPhone, registerResident, staffPage, takeStep } from "./helpers";

test("a dispatcher answers an inquiry from the library and the resident rates it", async ({ page, visit, browser, javaScriptEnabled }) => {
  await registerResident(page, visit, freshPhone(), "周大爷", "a-long-password");
  await visit("/requests/new");
  await page.getByLabel("社区（村）").selectOption({ label: "上河村社区" });
  await page.getByLabel("分类").selectOption({ label: "供暖" });
  await page.getByLabel("类型").selectOption({ label: "咨询" });
  await page.getByLabel("请描述事情经过（10–2000字）").fill("请问今年什么时候开始供暖？家里老人怕冷");
  await page.getByRole("button", { name: "提交诉求" }).click();
  await expect(page.getByRole("status").first()).toContainText("已收到您的诉求");
  const number = (await page.locator(".notice-ok .tracking").textContent()) ?? "";

  // The dispatcher starts from the library's answer for heating, adds a line, and answers.
  const dispatcher = await staffPage(browser, javaScriptEnabled, "13800000002", "jiesu-dispatcher", `/requests/${number}`);
  const answer = dispatcher.getByLabel("答复内容（市民会看到；公开的诉求，答复也公开）");
  await expect(answer).toHaveValue("");
  await dispatcher.getByLabel("从标准答复库选用").selectOption({ label: "供暖季时间" });
  await dispatcher.getByRole("button", { name: "填入这条答复" }).click();
  await expect(answer).toHaveValue(/法定供暖期为每年 11 月 15 日/);
  // An empty answer is refused, in words, before anything is sent.
  await answer.fill("");
  await dispatcher.getByRole("button", { name: "直接答复", exact: true }).click();
  await expect(dispatcher.locator("#answer-error")).toHaveText("请写答复内容，市民会看到。");
  await answer.fill("法定供暖期为每年 11 月 15 日至次年 3 月 15 日。老人怕冷，可请供热单位提前试水。");
  await takeStep(dispatcher, "直接答复");
  await expect(dispatcher.locator(".facts")).toContainText("已办结");
  await expect(dispatcher.locator(".facts")).toContainText("12345市民服务热线");

  // The resident reads the answer and rates it like any resolution.
  await visit(`/requests/${number}`);
  await expect(page.locator(".timeline")).toContainText("12345 热线直接答复");
  await expect(page.locator(".timeline")).toContainText("老人怕冷，可请供热单位提前试水");
  await page.getByRole("radio", { name: "已解决", exact: true }).check();
  await page.getByRole("radio", { name: "非常满意", exact: true }).check();
  await page.getByRole("button", { name: "提交评价" }).click();
  await expect(page.locator(".notice-ok[role=status]")).toHaveText("已完成：提交评价");
  await expect(page.locator(".facts")).toContainText("已结案");
});

test("an admin adds a standard answer, and a wrong one is refused in words", async ({ browser, javaScriptEnabled }) => {
  const admin = await staffPage(browser, javaScriptEnabled, "13800000005", "jiesu-admin", "/admin");
  await admin.getByRole("link", { name: /标准答复库/ }).click();
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText("标准答复库");
  const title = `停车收费咨询 ${javaScriptEnabled ? "甲" : "乙"}${Date.now() % 100000}`;
  await admin.locator(".answer-new summary").click();
  const form = admin.locator(".answer-new");
  await form.getByLabel("标题（派单员选用时看到）").fill(title);
  await form.getByRole("button", { name: "保存" }).click();
  await expect(form.locator("[data-error-of=body]")).toHaveText("请填写答复内容。");
  await form.getByLabel("答复内容（市民会看到）").fill("您好！小区停车收费标准以物业公示为准。");
  await form.getByRole("checkbox", { name: "停车管理" }).check();
  await form.getByRole("button", { name: "保存" }).click();
  await expect(admin.getByRole("status")).toHaveText("已保存。");
  const entry = admin.locator(".answer-entry", { hasText: title });
  await expect(entry.locator(".meta")).toContainText("停车管理");
  await entry.getByRole("button", { name: "删除这条" }).click();
  await expect(admin.getByRole("status")).toHaveText("已删除。");
  await expect(admin.locator(".answer-entry", { hasText: title })).toHaveCount(0);
});
