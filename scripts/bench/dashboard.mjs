// Latency of the dashboard pages over HTTP, one client: the city's dashboard and the whole
// street ranking (both rendered on the server from the rollups), each for the last full month
// and the one before, after a warm-up. Prints p50 and p95 per page.
//   node scripts/bench/dashboard.mjs http://127.0.0.1:3300 [rounds] [label]
const base = process.argv[2];
const rounds = Number(process.argv[3] ?? 200);
const label = process.argv[4] ?? "";
const now = new Date(Date.now() + 8 * 3600 * 1000);
const month = (back) => {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
};
const pages = {
  dashboard: (m) => `/measures?month=${m}`,
  ranking: (m) => `/measures/streets?month=${m}&sort=score`,
};

async function get(path) {
  const t = performance.now();
  const res = await fetch(base + path);
  const html = await res.text();
  const ms = performance.now() - t;
  if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
  if (!html.includes("<table")) throw new Error(`${path}: no table in the page`);
  return ms;
}

for (const [name, path] of Object.entries(pages)) {
  for (let i = 0; i < 20; i++) await get(path(month(1 + (i % 2))));
  const times = [];
  for (let i = 0; i < rounds; i++) times.push(await get(path(month(1 + (i % 2)))));
  times.sort((a, b) => a - b);
  const pct = (p) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))].toFixed(1);
  console.log(`${label}${name}: ${times.length} pages, p50 ${pct(50)} ms, p95 ${pct(95)} ms, max ${times.at(-1).toFixed(1)} ms`);
}
