import { test, expect } from "./fixtures";
import { execFileSync } from "node:child_process";
import { freshPhone, registerResident } from "./helpers";

/** A 1 × 1 PNG. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

test("a resident files a request, finds it in 'my requests', and anyone can look it up", async ({ page, visit, browser, javaScriptEnabled }) => {
  await registerResident(page, visit, freshPhone(), "王阿姨", "a-long-password");
  await page.getByRole("navigation").getByRole("link", { name: "提出诉求" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("提出诉求");
  // The home community is chosen already; each project files in its own community, so the two
  // runs do not meet in "is it one of these?".
  await expect(page.getByLabel("社区（村）").locator("option:checked")).toHaveText("上河村社区");
  await page.getByLabel("社区（村）").selectOption({ label: javaScriptEnabled ? "世纪城晴雪园社区" : "世纪城时雨园社区" });
  await page.getByLabel("类型").selectOption({ label: "投诉" });
  await page.getByLabel("分类").selectOption({ label: "噪声扰民" });
  await page.getByLabel("详细地址或地标（选填）").fill("上河村小区3号楼");
  await page.getByLabel("请描述事情经过（10–2000字）").fill("楼下饭馆每天夜里排风扇噪音很大，有事请打13812341234");
  await page.getByLabel(/^照片/).setInputFiles({ name: "noise.png", mimeType: "image/png", buffer: PNG });
  await page.getByRole("button", { name: "提交诉求" }).click();

  // Hydrated, the photo goes up with a progress bar and then the page moves on.
  await expect(page).toHaveURL(/\/requests\/\d{8}-\d{6}\?filed=1$/);
  await expect(page.getByRole("status")).toContainText("已收到您的诉求");
  // The photo is shown, re-encoded as JPEG, with nothing of the original file's metadata.
  const thumbnail = page.getByRole("img", { name: "诉求照片" });
  await expect(thumbnail).toBeVisible();
  const stored = await page.request.get((await thumbnail.getAttribute("src")) ?? "");
  expect(stored.headers()["content-type"]).toBe("image/jpeg");
  const bytes = await stored.body();
  expect([bytes[0], bytes[1]]).toEqual([0xff, 0xd8]);
  expect(bytes.includes("Exif")).toBe(false);
  const number = (await page.locator(".notice-ok .tracking").textContent()) ?? "";
  expect(number).toMatch(/^\d{8}-\d{6}$/);
  await expect(page.getByText("13812341234")).toBeVisible(); // the resident reads their own words

  await page.getByRole("banner").getByRole("link", { name: "我的诉求" }).click();
  await expect(page.getByRole("link", { name: number })).toBeVisible();
  await expect(page.locator(".request-list .badge").first()).toHaveText("已提交");

  // Signed out, in another browser: the public part, numbers masked.
  const stranger = await browser.newContext({ javaScriptEnabled });
  const other = await stranger.newPage();
  await other.goto("/lookup");
  await other.getByLabel("受理编号（例如 20261126-000123）").fill(number);
  await other.getByRole("button", { name: "查询" }).click();
  await expect(other.getByRole("heading", { level: 1 })).toHaveText(`诉求 ${number}`);
  await expect(other.getByText("138****1234")).toBeVisible();
  await expect(other.getByText("13812341234")).toHaveCount(0);
  await expect(other.getByText("王阿姨")).toHaveCount(0);
  await stranger.close();
});

test("a too short description is refused next to it, and what was typed stays", async ({ page, visit, javaScriptEnabled }) => {
  await registerResident(page, visit, freshPhone(), "李叔", "a-long-password");
  await visit("/requests/new");
  await page.getByLabel("类型").selectOption({ label: "求助" });
  await page.getByLabel("分类").selectOption({ label: "供暖" });
  await page.getByLabel("请描述事情经过（10–2000字）").fill("暖气不热");
  await page.getByRole("button", { name: "提交诉求" }).click();
  await expect(page.locator("#description-error")).toHaveText("请至少写10个字，说明是什么事、在哪里。");
  await expect(page.getByLabel("请描述事情经过（10–2000字）")).toHaveValue("暖气不热");
  await expect(page.getByLabel("分类").locator("option:checked")).toHaveText("供暖");
  await expect(page).toHaveURL(javaScriptEnabled ? /\/requests\/new$/ : /__err=/);
});

test("a resident withdraws a request before it is dispatched", async ({ page, visit, javaScriptEnabled }) => {
  await registerResident(page, visit, freshPhone(), "赵姐", "a-long-password");
  await visit("/requests/new");
  await page.getByLabel("社区（村）").selectOption({ label: javaScriptEnabled ? "烟树园社区" : "望塔园社区" });
  await page.getByLabel("类型").selectOption({ label: "建议" });
  await page.getByLabel("分类").selectOption({ label: "垃圾分类" });
  await page.getByLabel("请描述事情经过（10–2000字）").fill("建议在小区东门增设一组分类垃圾桶");
  await page.getByRole("button", { name: "提交诉求" }).click();
  await expect(page.getByRole("status")).toContainText("已收到您的诉求");
  await page.getByLabel("补充内容").fill("东门旁边有空地");
  await page.getByRole("button", { name: "提交补充" }).click();
  await expect(page.locator(".timeline")).toContainText("东门旁边有空地");
  await page.getByRole("button", { name: "撤回这件诉求" }).click();
  await expect(page.locator(".request .badge")).toHaveText("已撤回");
  await expect(page.locator(".timeline")).toContainText("撤回了诉求");
  await expect(page.getByRole("button", { name: "撤回这件诉求" })).toHaveCount(0);
});

test("a neighbour filing the same thing is shown the open request and seconds it instead", async ({ page, visit, browser, javaScriptEnabled }) => {
  const community = javaScriptEnabled ? "远大园社区" : "晨月园社区";
  const fileParking = async (p: typeof page) => {
    await p.getByLabel("社区（村）").selectOption({ label: community });
    await p.getByLabel("类型").selectOption({ label: "投诉" });
    await p.getByLabel("分类").selectOption({ label: "停车管理" });
    await p.getByLabel("请描述事情经过（10–2000字）").fill("小区门口消防通道天天被私家车占用");
    await p.getByRole("button", { name: "提交诉求" }).click();
  };
  await registerResident(page, visit, freshPhone(), "孙阿姨", "a-long-password");
  await visit("/requests/new");
  await fileParking(page);
  await expect(page.getByRole("status")).toContainText("已收到您的诉求");
  const number = (await page.locator(".notice-ok .tracking").textContent()) ?? "";

  const neighbourContext = await browser.newContext({ javaScriptEnabled });
  const neighbour = await neighbourContext.newPage();
  const neighbourVisit = async (path: string) => {
    await neighbour.goto(path);
    if (javaScriptEnabled) await expect(neighbour.locator("body[data-hydrated]")).toBeAttached();
  };
  await registerResident(neighbour, neighbourVisit, freshPhone(), "周叔", "a-long-password");
  await neighbourVisit("/requests/new");
  await fileParking(neighbour);
  await expect(neighbour.getByRole("heading", { name: "是不是其中一件？" })).toBeVisible();
  await neighbour.getByRole("link", { name: number }).click();
  await neighbour.getByRole("button", { name: "我也遇到了（附议）" }).click();
  await expect(neighbour.getByText("您已附议这件诉求。")).toBeVisible();
  await expect(neighbour.locator(".facts")).toContainText("附议人数");
  await neighbourContext.close();

  // The list of public requests shows it with its second.
  await visit("/requests");
  await page.getByLabel("分类").selectOption("transport.parking");
  await page.getByRole("button", { name: "筛选" }).click();
  const line = page.locator(".request-list li", { has: page.getByRole("link", { name: number }) });
  await expect(line).toContainText("附议人数 1");
});

test("a half-written request survives a reload, and is gone once filed", async ({ page, visit, javaScriptEnabled }) => {
  test.skip(!javaScriptEnabled, "the browser keeps drafts only when hydrated (without JavaScript the server keeps a refused form)");
  await registerResident(page, visit, freshPhone(), "钱叔", "a-long-password");
  await visit("/requests/new");
  await page.getByLabel("社区（村）").selectOption({ label: "金雅园社区" });
  await page.getByLabel("类型").selectOption({ label: "求助" });
  await page.getByLabel("分类").selectOption({ label: "房屋维修" });
  await page.getByLabel("请描述事情经过（10–2000字）").fill("楼道里的灯坏了一个多月，晚上看不见台阶");
  await visit("/requests/new");
  await expect(page.getByText("已恢复您上次没有提交完的内容。")).toBeVisible();
  await expect(page.getByLabel("请描述事情经过（10–2000字）")).toHaveValue("楼道里的灯坏了一个多月，晚上看不见台阶");
  await expect(page.getByLabel("分类").locator("option:checked")).toHaveText("房屋维修");
  await expect(page.getByLabel("社区（村）").locator("option:checked")).toHaveText("金雅园社区");
  await page.getByRole("button", { name: "提交诉求" }).click();
  await expect(page.getByRole("status")).toContainText("已收到您的诉求");
  // The request page forgets the draft once it is live (hydrated); leaving earlier keeps it.
  await expect(page.locator("body[data-hydrated]")).toBeAttached();
  await visit("/requests/new");
  await expect(page.getByLabel("请描述事情经过（10–2000字）")).toHaveValue("");
});

test("hydrated, the form attaches the position, uploads with progress and shows a refused photo's reason", async ({ browser, javaScriptEnabled }) => {
  test.skip(!javaScriptEnabled, "the position button and the upload progress need JavaScript; the plain form is tested above");
  const context = await browser.newContext({
    geolocation: { latitude: 39.9612, longitude: 116.2843, accuracy: 23 },
    permissions: ["geolocation"],
  });
  const page = await context.newPage();
  const visit = async (path: string) => {
    await page.goto(path);
    await expect(page.locator("body[data-hydrated]")).toBeAttached();
  };
  await registerResident(page, visit, freshPhone(), "孙阿姨", "a-long-password");
  await visit("/requests/new");
  await page.getByLabel("社区（村）").selectOption({ label: "金雅园社区" });
  await page.getByLabel("类型").selectOption({ label: "求助" });
  await page.getByRole("searchbox", { name: "搜索类别" }).fill("供水");
  await expect(page.getByLabel("分类").locator("option:checked")).toHaveText("供水");
  await page.getByLabel("请描述事情经过（10–2000字）").fill("单元楼从早上起一直停水，也没有通知");
  await page.getByRole("button", { name: "使用我现在的位置" }).click();
  await expect(page.locator("#locate-status")).toHaveText("已附上您的位置（误差约30米）。");
  // A program renamed to .jpg goes up, is refused by its content, and the form comes back.
  await page.getByLabel(/^照片/).setInputFiles({ name: "photo.jpg", mimeType: "image/jpeg", buffer: Buffer.from("MZ\x90\x00 not a photo at all") });
  await page.getByRole("button", { name: "提交诉求" }).click();
  await expect(page.locator("#photos-error")).toHaveText(/只能上传 JPEG、PNG 或 WebP 格式的照片。/);
  await expect(page.getByLabel("请描述事情经过（10–2000字）")).toHaveValue("单元楼从早上起一直停水，也没有通知");
  await expect(page.locator("#latitude")).toHaveValue("39.961200");
  await page.getByRole("button", { name: "提交诉求" }).click();
  await expect(page).toHaveURL(/\/requests\/\d{8}-\d{6}\?filed=1$/);
  const number = (await page.locator(".notice-ok .tracking").textContent()) ?? "";
  const url = process.env.JIESU_E2E_DATABASE_URL ?? "";
  const stored = execFileSync("psql", [url, "-tAXc", `select latitude || ',' || longitude from requests where tracking_number = '${number}'`], { encoding: "utf8" }).trim();
  expect(stored).toBe("39.9612,116.2843");
  await context.close();
});

test("a photo over the size limit is refused with its own message, and what was typed stays", async ({ page, visit, javaScriptEnabled }) => {
  await registerResident(page, visit, freshPhone(), "胡先生", "a-long-password");
  await visit("/requests/new");
  await page.getByLabel("类型").selectOption({ label: "投诉" });
  await page.getByLabel("分类").selectOption({ label: "噪声扰民" });
  await page.getByLabel("详细地址或地标（选填）").fill("上河村小区5号楼");
  await page.getByLabel("请描述事情经过（10–2000字）").fill("楼下饭馆每天夜里排风扇噪音很大，影响休息");
  // 9 MB: over the 8 MB a photo may have (its first bytes say PNG; the size alone is refused).
  const big = Buffer.concat([PNG, Buffer.alloc(9 * 1024 * 1024)]);
  await page.getByLabel(/^照片/).setInputFiles({ name: "big.png", mimeType: "image/png", buffer: big });
  await page.getByRole("button", { name: "提交诉求" }).click();
  // Hydrated, the browser refuses it before uploading; without JavaScript the server reads the
  // whole form and answers with it: never a reset connection.
  await expect(page.locator("#photos-error")).toContainText("每张照片不能超过8MB。");
  if (!javaScriptEnabled) await expect(page.locator(".refusal")).toContainText("每张照片不能超过8MB。");
  await expect(page).toHaveURL(javaScriptEnabled ? /\/requests\/new$/ : /\/requests\/new\?.*__err=/);
  await expect(page.getByLabel("详细地址或地标（选填）")).toHaveValue("上河村小区5号楼");
  await expect(page.getByLabel("请描述事情经过（10–2000字）")).toHaveValue("楼下饭馆每天夜里排风扇噪音很大，影响休息");
});
