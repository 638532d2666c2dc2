// A public page's latency idle and under a burst of bad sign-ins (see sign-in-stall.sh).
//   node scripts/bench/sign-in-stall.mjs BASE CLIENTS SECONDS
import http from "node:http";

const [base, clients = "200", seconds = "20"] = process.argv.slice(2);
const url = new URL(base);
const agent = new http.Agent({ keepAlive: true, maxSockets: Number(clients) + 8 });

function request(method, path, body) {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path,
        agent,
        headers: body
          ? { "content-type": "application/x-www-form-urlencoded", "content-length": Buffer.byteLength(body) }
          : {},
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6 }));
      },
    );
    req.on("error", () => resolve({ status: 0, ms: Number(process.hrtime.bigint() - started) / 1e6 }));
    if (body) req.write(body);
    req.end();
  });
}

function quantile(sorted, q) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN;
}

// Four visitors reading the home page one request after another for `ms`.
async function readers(ms) {
  const until = Date.now() + ms;
  const times = [];
  let failed = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (Date.now() < until) {
        const r = await request("GET", "/");
        if (r.status === 200) times.push(r.ms);
        else failed += 1;
      }
    }),
  );
  times.sort((a, b) => a - b);
  return { n: times.length, failed, p50: quantile(times, 0.5), p95: quantile(times, 0.95), p99: quantile(times, 0.99) };
}

const ms = Number(seconds) * 1000;
await readers(2000); // warm-up
const idle = await readers(ms);

let stop = false;
const answers = new Map();
const guessers = Array.from({ length: Number(clients) }, async (_, i) => {
  let n = 0;
  while (!stop) {
    // A different number each try: no per-number limit refuses it before the password check.
    const phone = `137${String(i).padStart(4, "0")}${String(n++ % 10000).padStart(4, "0")}`;
    const r = await request("POST", "/api/accounts/sign_in", `phone=${phone}&password=not-the-password`);
    answers.set(r.status, (answers.get(r.status) ?? 0) + 1);
  }
});
await new Promise((r) => setTimeout(r, 1000)); // the burst is on
const busy = await readers(ms);
stop = true;
await Promise.all(guessers);

const line = (name, r) =>
  `${name.padEnd(28)} ${String(r.n).padStart(6)} pages  p50 ${r.p50.toFixed(1)} ms  p95 ${r.p95.toFixed(1)} ms  p99 ${r.p99.toFixed(1)} ms  failed ${r.failed}`;
console.log(line("GET / idle", idle));
console.log(line(`GET / with ${clients} bad sign-ins`, busy));
const total = [...answers.values()].reduce((a, b) => a + b, 0);
console.log(
  `bad sign-ins answered: ${total} in ${(ms + 1000) / 1000} s (${(total / ((ms + 1000) / 1000)).toFixed(0)}/s); by status: ${JSON.stringify(Object.fromEntries(answers))}`,
);
