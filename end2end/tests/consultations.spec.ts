import { test, expect } from "./fixtures";
import { freshPhone, newAreaStaff, registerResident, staffPage, verifyResident } from "./helpers";

test("staff open a consultation, a verified resident votes and changes the vote, staff close it and publish the outcome", async ({ page, visit, browser, javaScriptEnabled }) => {
  const title = `楼下空地怎么用 ${Math.floor(Math.random() * 1e6)}`;

  // Community staff write it, then publish it.
  const staff = await staffPage(browser, javaScriptEnabled, newAreaStaff("110108025014"), "jiesu-handler", "/consultations/new");
  await staff.getByLabel("议事范围（区域代码）").fill("110108025014");
  await staff.getByLabel("标题").fill(title);
  await staff.getByLabel("背景").fill("小区3号楼下有一块空地，居民有不同想法。");
  await staff.getByLabel("要商量的问题").fill("这块空地改成什么？");
  // Refused first: one option is not a choice.
  await staff.getByLabel("选项（每行一个，2–20 个）").fill("停车位");
  await staff.getByRole("button", { name: "保存为草稿" }).click();
  await expect(staff.locator("#options-error")).toHaveText("至少要有 2 个选项。");
  await staff.getByLabel("选项（每行一个，2–20 个）").fill("停车位\n健身器材\n儿童游乐区");
  await staff.getByRole("button", { name: "保存为草稿" }).click();
  await expect(staff.getByRole("status")).toHaveText("已保存为草稿。检查无误后点“发布”。");
  const address = staff.url().replace(/\?.*$/, "").replace(/^https?:\/\/[^/]+/, "");
  await staff.getByRole("button", { name: "发布" }).click();
  await expect(staff.locator(".meta .badge")).toHaveText("投票中");

  // A verified resident of the community votes, then changes the vote.
  const phone = freshPhone();
  await registerResident(page, visit, phone, "周大姐", "a-long-password");
  verifyResident(phone);
  await visit(address);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.getByRole("heading", { name: "投票结果" })).toHaveCount(0);
  await page.getByRole("button", { name: "提交投票" }).click();
  await expect(page.locator("#options-error")).toHaveText("请至少选一项。");
  await page.getByLabel("健身器材").check();
  await page.getByRole("button", { name: "提交投票" }).click();
  await expect(page.getByRole("status")).toHaveText("您的投票已记录。截止前可以改票。");
  await page.getByLabel("儿童游乐区").check();
  await page.getByRole("button", { name: "提交投票" }).click();
  await expect(page.getByText("您的选择：儿童游乐区")).toBeVisible();
  const results = page.locator("table").filter({ hasText: "票数" });
  await expect(results.getByRole("row", { name: "儿童游乐区 1" })).toBeVisible();
  await expect(results.getByRole("row", { name: "健身器材 0" })).toBeVisible();
  await expect(page.getByText("已投 1 票")).toBeVisible();

  // Staff close it and publish the outcome.
  await staff.goto(address);
  await staff.getByRole("button", { name: "立即截止" }).click();
  await expect(staff.locator(".meta .badge")).toHaveText("已截止，待公布结果（已过 0 天）");
  await staff.getByLabel("决定做什么").fill("在3号楼下建儿童游乐区");
  await staff.getByLabel("由谁负责").fill("社区居委会");
  await staff.getByLabel("何时完成").fill("2027-05-01");
  await staff.getByRole("button", { name: "公布结果" }).click();
  await expect(staff.getByRole("status")).toHaveText("结果已公布。");
  await staff.context().close();

  // Everyone sees the outcome; the resident can no longer vote.
  await visit(address);
  await expect(page.getByText("在3号楼下建儿童游乐区")).toBeVisible();
  await expect(page.getByRole("button", { name: "提交投票" })).toHaveCount(0);
  await visit("/consultations");
  await expect(page.getByRole("link", { name: title })).toBeVisible();
});

test("staff open a consultation from a resident's request; residents discuss, results follow live, and the request shows the outcome", async ({ page, visit, browser, javaScriptEnabled }) => {
  // Each project its own category, so the two runs never share a group of requests.
  const category = javaScriptEnabled ? "道路设施" : "供水";
  const phone = freshPhone();
  await registerResident(page, visit, phone, "钱师傅", "a-long-password");
  verifyResident(phone);
  await visit("/requests/new");
  await page.getByLabel("社区（村）").selectOption({ label: "上河村社区" });
  await page.getByLabel("分类").selectOption({ label: category });
  await page.getByLabel("类型").selectOption({ label: "求助" });
  await page.getByLabel("请描述事情经过（10–2000字）").fill("小区门口的路面塌了一个坑，晚上经常有人绊倒");
  await page.getByRole("button", { name: "提交诉求" }).click();
  await expect(page.getByRole("status").first()).toContainText("已收到您的诉求");
  const number = (await page.locator(".notice-ok .tracking").textContent()) ?? "";

  // Community staff start from that group of open requests: the form comes filled in.
  const staff = await staffPage(browser, javaScriptEnabled, newAreaStaff("110108025014"), "jiesu-handler", "/consultations/new");
  await staff.getByRole("listitem").filter({ hasText: `上河村社区 · ${category}` }).getByRole("link", { name: "以此发起" }).click();
  await expect(staff.getByLabel("标题")).toHaveValue(`关于上河村社区“${category}”问题的议事`);
  await expect(staff.getByLabel("议事范围（区域代码）")).toHaveValue("110108025014");
  const linked = staff.getByRole("group", { name: "关联的诉求（取消勾选即不关联）" }).getByRole("checkbox");
  for (const box of await linked.all()) {
    if (!((await box.getAttribute("id")) ?? "").startsWith("request-")) continue;
    const label = await staff.locator(`label[for="${await box.getAttribute("id")}"]`).textContent();
    if (!label?.includes(number)) await box.uncheck();
  }
  await staff.getByLabel("要商量的问题").fill("路面怎么修？");
  await staff.getByLabel("选项（每行一个，2–20 个）").fill("社区出资先修\n报区里统一修");
  await staff.getByLabel("结果何时公布").selectOption({ label: "投票期间实时公布" });
  await staff.getByRole("button", { name: "保存为草稿" }).click();
  await expect(staff.getByRole("status")).toHaveText("已保存为草稿。检查无误后点“发布”。");
  const address = staff.url().replace(/\?.*$/, "").replace(/^https?:\/\/[^/]+/, "");
  await staff.getByRole("button", { name: "发布" }).click();
  await expect(staff.locator(".meta .badge")).toHaveText("投票中");

  // The resident's request leads to it.
  await visit(`/requests/${number}`);
  await page.getByRole("link", { name: `关于上河村社区“${category}”问题的议事` }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`关于上河村社区“${category}”问题的议事`);
  await expect(page.getByRole("link", { name: number })).toBeVisible();

  // The discussion: an empty comment is refused, then two comments; staff hide one.
  await page.getByRole("button", { name: "发表", exact: true }).click();
  await expect(page.locator("#body-error, .form-error, .refusal").filter({ hasText: "请写下您的意见。" }).first()).toBeVisible();
  await page.getByLabel("您的意见").fill("建议先用沙袋填上，别再有人摔倒");
  await page.getByRole("button", { name: "发表", exact: true }).click();
  await expect(page.getByRole("status")).toHaveText("已发表。");
  await page.getByLabel("您的意见").fill("卖房加微信 abc123");
  await page.getByRole("button", { name: "发表", exact: true }).click();
  await expect(page.getByText("卖房加微信 abc123")).toBeVisible();
  await staff.goto(address);
  const spam = staff.locator("article.comment").filter({ hasText: "卖房加微信" });
  await spam.locator("summary", { hasText: "隐藏" }).click();
  await spam.getByLabel("隐藏理由（会公开显示）").fill("广告");
  await spam.getByRole("button", { name: "隐藏" }).click();
  await expect(staff.getByRole("status")).toHaveText("已隐藏该评论。");

  // Live results: the page shows the ballot cast in another tab without being reloaded.
  await visit(address);
  await expect(page.getByText("该评论已被社区工作人员隐藏。理由：广告")).toBeVisible();
  await expect(page.getByText("卖房加微信")).toHaveCount(0);
  await expect(page.locator("#turnout")).toContainText("已投 0 票");
  const tab = await page.context().newPage();
  await tab.goto(address);
  await tab.getByLabel("报区里统一修").check();
  await tab.getByRole("button", { name: "提交投票" }).click();
  await expect(tab.getByRole("status")).toHaveText("您的投票已记录。截止前可以改票。");
  await tab.close();
  if (!javaScriptEnabled) await page.reload();
  await expect(page.locator("#turnout")).toContainText("已投 1 票");

  // Staff close it, publish the outcome and its progress; the request shows the outcome.
  await staff.getByRole("button", { name: "立即截止" }).click();
  await staff.getByLabel("决定做什么").fill("报区城管委统一修复路面");
  await staff.getByLabel("由谁负责").fill("社区居委会");
  await staff.getByLabel("何时完成").fill("2027-03-01");
  await staff.getByRole("button", { name: "公布结果" }).click();
  await expect(staff.getByRole("status")).toHaveText("结果已公布。");
  await staff.getByLabel("最新进展").fill("已报区城管委，排期三月施工");
  await staff.getByRole("button", { name: "发布进展" }).click();
  await expect(staff.getByRole("status")).toHaveText("进展已发布。");
  await staff.context().close();
  await visit(`/requests/${number}`);
  await expect(page.getByText("议事结果：报区城管委统一修复路面")).toBeVisible();
  await visit(address);
  await expect(page.getByText("已报区城管委，排期三月施工")).toBeVisible();
});
