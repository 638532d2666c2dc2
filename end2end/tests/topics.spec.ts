import { test, expect } from "./fixtures";
import { freshPhone, menu, registerResident, staffPage } from "./helpers";

// Each project takes up its own category in 海淀区, so the two runs never publish the same
// month's topic twice.
const setups = {
  hydrated: { category: "environment.greenery", label: "园林绿化", title: "绿地养护跟不上" },
  "no-js": { category: "environment.sanitation", label: "环境卫生", title: "小区垃圾清运不及时" },
};

test("an admin publishes the month's topic, posts progress, and a resident's request links to it", async ({ page, visit, browser, javaScriptEnabled }, info) => {
  const setup = setups[info.project.name as keyof typeof setups];

  // A resident of 海淀区 files a request of the category.
  await registerResident(page, visit, freshPhone(), "孙大爷", "a-long-password");
  await visit("/requests/new");
  await page.getByLabel("类型").selectOption({ label: "投诉" });
  await page.getByLabel("分类").selectOption({ label: setup.label });
  await page.getByLabel("请描述事情经过（10–2000字）").fill("楼前绿地和垃圾点好久没人管了，夏天味道很大");
  await page.getByRole("button", { name: "提交诉求" }).click();
  const notOne = page.getByRole("checkbox", { name: "都不是，我要提交新的诉求" });
  const tracking = page.locator(".notice-ok .tracking");
  await expect(tracking.or(notOne)).toBeVisible();
  if (await notOne.isVisible()) {
    await notOne.check();
    await page.getByRole("button", { name: "提交诉求" }).click();
  }
  const number = (await tracking.textContent()) ?? "";

  // The admin goes from the topics page to the publishing form.
  const admin = await staffPage(browser, javaScriptEnabled, "13800000005", "jiesu-admin", "/topics");
  await admin.getByRole("link", { name: "发布本月题目" }).click();
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText("发布每月一题");
  await admin.getByLabel("题目", { exact: true }).fill(setup.title);
  await admin.getByLabel("问题说明").fill("上月海淀区这一类诉求集中，居民对处理结果不满意。");
  await admin.getByLabel("区", { exact: true }).selectOption("110108");
  await admin.getByLabel("分类").selectOption(setup.category);
  await admin.getByLabel("牵头单位").selectOption("district:110108");
  await admin.getByLabel("协办单位").selectOption(["city_management", "street:110108025"]);
  await admin.getByLabel("目标", { exact: true }).fill("两个月内同类诉求减少一半");
  // Refused first: no deadline, said at the deadline (by the browser or by the server).
  await admin.getByRole("button", { name: "发布题目" }).click();
  await expect(admin.locator("#deadline-error")).toHaveText("请填写完成期限（年-月-日）。");
  await admin.getByLabel("完成期限").fill("2099-12-31");
  await admin.getByRole("button", { name: "发布题目" }).click();
  await expect(admin.getByRole("status")).toHaveText("题目已发布。");
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText(setup.title);
  await expect(admin.getByText("尚无进展。")).toBeVisible();

  // Progress: a percentage out of range is refused, then posted.
  await admin.getByLabel("完成比例（0–100）").fill("150");
  await admin.getByLabel("进展说明").fill("已排查辖区 12 个小区，约谈物业 5 家");
  await admin.getByRole("button", { name: "发布进展" }).click();
  await expect(admin.locator("#percent-error")).toHaveText("请填写 0 到 100 之间的整数。");
  await admin.getByLabel("完成比例（0–100）").fill("30");
  await admin.getByLabel("进展说明").fill("已排查辖区 12 个小区，约谈物业 5 家");
  await admin.getByRole("button", { name: "发布进展" }).click();
  await expect(admin.getByRole("status")).toHaveText("进展已发布。");
  await expect(admin.locator(".topic-progress strong")).toHaveText("已完成 30%");
  await admin.context().close();

  // The resident's request links to the topic, and the topic is public.
  await visit(`/requests/${number}`);
  await page.getByRole("link", { name: setup.title }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(setup.title);
  await expect(page.getByText("已排查辖区 12 个小区，约谈物业 5 家")).toBeVisible();
  await expect(page.getByRole("button", { name: "发布进展" })).toHaveCount(0);
  await (await menu(page)).getByRole("link", { name: "每月一题" }).click();
  await expect(page.getByRole("link", { name: setup.title })).toBeVisible();
});

test("a city-wide topic's task force posts the count reached and lists a policy document", async ({ browser, javaScriptEnabled }, info) => {
  const setup = info.project.name === "hydrated"
    ? { category: "housing.title_deeds", title: "老旧小区房产证办理" }
    : { category: "housing.repairs", title: "老旧小区房屋维修" };
  const admin = await staffPage(browser, javaScriptEnabled, "13800000005", "jiesu-admin", "/topics/new");
  await admin.getByLabel("题目", { exact: true }).fill(setup.title);
  await admin.getByLabel("问题说明").fill("多个区的老旧小区同类问题积压多年，需要跨区专班。");
  await admin.getByLabel("区", { exact: true }).selectOption("110000");
  await admin.getByLabel("分类").selectOption(setup.category);
  await admin.getByLabel("牵头单位").selectOption("planning");
  await admin.getByLabel("协办单位").selectOption(["street:110108025", "district:110105"]);
  await admin.getByLabel("目标", { exact: true }).fill("为 20 万户居民解决");
  await admin.getByLabel("数量目标（选填，如 200000）").fill("200000");
  await admin.getByLabel("完成期限").fill("2099-12-31");
  // A count without what it counts is refused, in words.
  await admin.getByRole("button", { name: "发布题目" }).click();
  await expect(admin.locator("#target_unit-error")).toHaveText("请写明数的是什么（如“户”“处”）。");
  await admin.getByLabel("计数单位（如“户”“处”）").fill("户");
  await admin.getByRole("button", { name: "发布题目" }).click();
  await expect(admin.getByRole("status")).toHaveText("题目已发布。");
  await expect(admin.locator(".facts")).toContainText("全市（跨区）");
  const topicPath = new URL(admin.url()).pathname;
  await admin.context().close();

  // The street office, one of the task force, posts the count reached and the document.
  const street = await staffPage(browser, javaScriptEnabled, "13800000003", "jiesu-handler", topicPath);
  await street.getByLabel("完成比例（0–100）").fill("84");
  await street.getByLabel("目前已完成多少（户，选填）").fill("168,000");
  await street.getByLabel("进展说明").fill("本街道又有 2 万户拿到房产证");
  await street.getByRole("button", { name: "发布进展" }).click();
  await expect(street.getByRole("status")).toHaveText("进展已发布。");
  await expect(street.locator(".topic-count")).toHaveText("已完成 168,000 / 200,000 户（84.0%）");
  await expect(street.locator(".timeline")).toContainText("曙光街道办事处");
  await street.getByLabel("文件标题").fill("关于解决不动产登记历史遗留问题的意见");
  await street.getByLabel("发文单位").fill("北京市规划和自然资源委员会");
  await street.getByLabel("发文日期").fill("2026-03-01");
  await street.getByLabel("链接（https://…，选填）").fill("www.example.gov.cn");
  await street.getByRole("button", { name: "添加文件" }).click();
  await expect(street.locator("#doc_link-error")).toContainText("链接应以 http:// 或 https:// 开头");
  await street.getByLabel("链接（https://…，选填）").fill("https://example.gov.cn/yijian.html");
  await street.getByRole("button", { name: "添加文件" }).click();
  await expect(street.getByRole("status")).toHaveText("文件已列出。");
  await expect(street.getByRole("link", { name: "关于解决不动产登记历史遗留问题的意见" })).toHaveAttribute("href", "https://example.gov.cn/yijian.html");
});
