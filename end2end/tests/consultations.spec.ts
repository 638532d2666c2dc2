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
