// Latency of the public list page (/requests, rendered on the server) over HTTP, one client:
// every filter kind, each followed 4 pages deep by its keyset link. Prints p50 and p99.
//   node scripts/bench/list.mjs http://127.0.0.1:3200
const base = process.argv[2];
const districts = ["110101", "110105", "110108", "110114", "110117"];
const streets = ["110108025", "110105001", "110101001"];
const categories = ["environment", "environment.noise", "housing.heating", "transport.parking", "market"];
const statuses = ["submitted", "resolved", "closed"];
const queries = [""];
for (const d of districts) queries.push(`district=${d}`);
for (const s of streets) queries.push(`district=${s.slice(0, 6)}&street=${s}`);
for (const c of categories) queries.push(`category=${c}`);
for (const s of statuses) queries.push(`status=${s}`);
queries.push("district=110108&category=environment.noise", "district=110117&status=resolved&category=housing");

const times = [];
async function get(path) {
  const t = performance.now();
  const res = await fetch(base + path);
  const html = await res.text();
  times.push(performance.now() - t);
  if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
  return html;
}

for (let round = 0; round < 4; round++) {
  for (const q of queries) {
    let path = `/requests?${q}`;
    for (let depth = 0; depth < 5 && path; depth++) {
      const html = await get(path);
      const next = html.match(/href="(\/requests\?[^"]*before=\d+)"/);
      path = next ? next[1].replaceAll("&amp;", "&") : null;
    }
  }
}
times.sort((a, b) => a - b);
const pct = (p) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))].toFixed(1);
console.log(`public list: ${times.length} pages, p50 ${pct(50)} ms, p99 ${pct(99)} ms, max ${times.at(-1).toFixed(1)} ms`);
