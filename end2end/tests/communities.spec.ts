import { test, expect, type Page } from "./fixtures";
import { freshPhone, newAreaStaff, newHandler, registerResident, staffPage, takeStep } from "./helpers";

/** A community of 曙光街道 per project, so that the two runs never share a committee's queue. */
function community(javaScriptEnabled: boolean): { name: string; code: string } {
  return javaScriptEnabled
    ? { name: "农科院社区", code: "110108025004" }
    : { name: "烟树园社区", code: "110108025022" };
}

/** Files a request of `category` in `place` as the signed-in resident; its tracking number. */
async function fileIn(page: Page, visit: (path: string) => Promise<void>, place: string, category: string, description: string): Promise<string> {
  await visit("/requests/new");
  await page.getByLabel("社区（村）").selectOption({ label: place });
  await page.getByLabel("分类").selectOption({ label: category });
  await page.getByLabel("类型").selectOption({ label: "投诉" });
  await page.getByLabel("请描述事情经过（10–2000字）").fill(description);
  await page.getByRole("button", { name: "提交诉求" }).click();
  await expect(page.getByRole("status").first()).toContainText("已收到您的诉求");
  return (await page.locator(".notice-ok .tracking").textContent()) ?? "";
}

test("a community's committee handles a request from its own queue", async ({ page, visit, browser, javaScriptEnabled }) => {
  const place = community(javaScriptEnabled);
  const committee = `${place.name}居民委员会`;
  await registerResident(page, visit, freshPhone(), "钱阿姨", "a-long-password");
  const number = await fileIn(page, visit, place.name, "楼道堆物", "三号楼二单元楼道里堆满了旧家具，挡住了消防通道");

  // The routing rules propose the community's own committee; the dispatcher sends it there.
  const dispatcher = await staffPage(browser, javaScriptEnabled, "13800000002", "jiesu-dispatcher", `/requests/${number}`);
  await expect(dispatcher.getByLabel("承办单位").locator("option:checked")).toHaveText(committee);
  await takeStep(dispatcher, "派单");

  // The community's staff find it in their workspace, answer the resident and settle it.
  const staff = await staffPage(browser, javaScriptEnabled, newAreaStaff(place.code), "jiesu-handler");
  await staff.getByRole("banner").getByRole("link", { name: "工作台" }).click();
  await expect(staff.getByRole("heading", { level: 1 })).toHaveText("本单位待办");
  await staff.getByRole("link", { name: number }).click();
  await takeStep(staff, "接单");
  await staff.getByLabel("联系市民的情况（市民可见）").fill("网格员已上门，约好今天下午清理");
  await takeStep(staff, "联系市民（首次响应）");
  await staff.getByLabel("办结类型").selectOption({ label: "已解决" });
  await staff.getByLabel("办结说明（公开，市民会看到）").fill("楼道旧家具已清走，消防通道畅通");
  await takeStep(staff, "办结");

  // The resident sees who handled it.
  await visit(`/requests/${number}`);
  await expect(page.locator(".facts")).toContainText(committee);
  await expect(page.locator(".timeline")).toContainText("楼道旧家具已清走，消防通道畅通");
});

test("a street office passes a request down and the community passes it back up", async ({ page, visit, browser, javaScriptEnabled }) => {
  const place = community(javaScriptEnabled);
  const committee = `${place.name}居民委员会`;
  await registerResident(page, visit, freshPhone(), "孙师傅", "a-long-password");
  const number = await fileIn(page, visit, place.name, "噪声扰民", "楼下烧烤店每晚营业到凌晨两点，吵得没法睡觉");

  const dispatcher = await staffPage(browser, javaScriptEnabled, "13800000002", "jiesu-dispatcher", `/requests/${number}`);
  await dispatcher.getByLabel("承办单位").selectOption({ label: "曙光街道办事处" });
  await takeStep(dispatcher, "派单");

  // The street office accepts and passes it down to the community (下派).
  const street = await staffPage(browser, javaScriptEnabled, newHandler("street:110108025"), "jiesu-handler", `/requests/${number}`);
  await takeStep(street, "接单");
  await street.getByLabel("下派给哪个社区").selectOption({ label: committee });
  await street.getByLabel("交办说明（选填）").fill("请社区先上门劝导");
  await takeStep(street, "下派社区");
  await expect(street.locator(".facts")).toContainText(committee);

  // The community cannot settle it alone and passes it back up (上报), saying why.
  const staff = await staffPage(browser, javaScriptEnabled, newAreaStaff(place.code), "jiesu-handler", "/staff");
  await staff.getByRole("link", { name: number }).click();
  await expect(staff.locator(".summons").last()).toContainText("等待签收");
  await staff.getByRole("button", { name: "上报街道", exact: true }).click();
  await expect(staff.locator("#pass-up-reason-error")).toHaveText("请写明原因。");
  await staff.getByLabel("上报原因（社区为什么办不了）").fill("劝导无效，需要执法部门处理");
  await takeStep(staff, "上报街道");

  // Back at the street office, in its queue; the resident follows both passes.
  await street.goto("/staff");
  await expect(street.getByRole("link", { name: number })).toBeVisible();
  await visit(`/requests/${number}`);
  await expect(page.locator(".timeline")).toContainText("街道下派社区办理");
  await expect(page.locator(".timeline")).toContainText("社区上报街道");
  await expect(page.locator(".facts")).toContainText("曙光街道办事处");
});
