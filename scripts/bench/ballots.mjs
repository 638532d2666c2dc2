// Ballots over HTTP: R residents (phones 136…, password jiesu-resident) sign in, then C
// clients cast B ballots per resident across the open 压测议事 consultations, each ballot in
// a consultation of its own for that resident, through the ballot server function as the
// browser posts it (multipart). Prints sign-in time, ballots per second, and a last line
// "ACCEPTED <ballots> CHOICES <choices>" for the count check.
// With SERVER_PID set, it also prints where the CPU went while ballots were cast (this
// process, the server, Postgres, everything else), read from /proc.
//   SERVER_PID=… node scripts/bench/ballots.mjs http://127.0.0.1:3202 10000 5 64
import { cpuNow, cpuReport } from "./cpu.mjs";
import http from "node:http";

const [base, residentsArg, perResidentArg, clientsArg] = process.argv.slice(2);
const residents = Number(residentsArg ?? 10000);
const perResident = Number(perResidentArg ?? 5);
const clients = Number(clientsArg ?? 64);

/** Runs `job(i)` for i in 0..n with `clients` at a time. */
async function pool(n, job) {
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < n) await job(next++);
    }),
  );
}

async function signIn(i) {
  const phone = String(13600000000 + i);
  for (;;) {
    const res = await fetch(`${base}/api/accounts/sign_in`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `phone=${phone}&password=jiesu-resident`,
      redirect: "manual",
    });
    const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0];
    if (cookie) return cookie;
    // A busy server's 503 (the hashing queue is full): try again.
    if (res.status !== 503) throw new Error(`resident ${i} could not sign in: ${res.status}`);
  }
}

async function call(path, body) {
  const res = await fetch(`${base}/api/${path}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body,
  });
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return res.json();
}

const serverPid = process.env.SERVER_PID;

// Ballots go through Node's http module on kept-alive connections, with the multipart body
// written by hand: the same request as fetch with FormData sends, for about a quarter of the
// CPU (0.17 against 0.62 ms a ballot), which the load generator shares with the server and
// Postgres.
const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
const target = new URL(base);
const BOUNDARY = "jiesu-bench-ballot";

/** POSTs `fields` as multipart/form-data to `path` with `cookie`; the response's status. */
function postMultipart(path, cookie, fields) {
  const body =
    fields.map(([k, v]) => `--${BOUNDARY}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join("") +
    `--${BOUNDARY}--\r\n`;
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: target.hostname,
        port: target.port,
        path,
        method: "POST",
        agent,
        headers: {
          cookie,
          "content-type": `multipart/form-data; boundary=${BOUNDARY}`,
          "content-length": Buffer.byteLength(body),
        },
      },
      (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode));
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

let started = Date.now();
const cookies = new Array(residents);
await pool(residents, async (i) => {
  cookies[i] = await signIn(i);
});
console.log(`signed in ${residents} residents in ${((Date.now() - started) / 1000).toFixed(1)} s (${clients} at a time)`);

const consultations = (await call("consultations/list", ""))
  .filter((c) => c.title.startsWith("压测议事"))
  .map((c) => c.id);
const options = new Map();
for (const id of consultations) {
  options.set(id, (await call("consultations/view", `id=${id}`)).options.map((o) => o.id));
}
if (consultations.length < perResident) throw new Error(`only ${consultations.length} consultations`);

const jobs = residents * perResident;
let accepted = 0;
let choices = 0;
const failed = new Map();
const latencies = [];
const cpuBefore = serverPid ? cpuNow(serverPid) : null;
started = Date.now();
await pool(jobs, async (j) => {
  const resident = j % residents;
  const k = Math.floor(j / residents);
  // A different consultation for each of the resident's ballots.
  const consultation = consultations[(resident + k * 7) % consultations.length];
  const opts = options.get(consultation);
  const chosen = (resident + k) % 3 === 0 ? [opts[0], opts[1]] : [opts[(resident + k) % opts.length]];
  const fields = [["id", consultation], ...chosen.map((o) => ["options", o])];
  const t0 = performance.now();
  const status = await postMultipart("/api/consultations/vote", cookies[resident], fields);
  latencies.push(performance.now() - t0);
  if (status === 200) {
    accepted++;
    choices += chosen.length;
  } else failed.set(status, (failed.get(status) ?? 0) + 1);
});
const elapsed = (Date.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const p = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))].toFixed(1);
console.log(
  `ballots: ${jobs} by ${residents} residents across ${consultations.length} consultations, ${clients} clients, ` +
    `${elapsed.toFixed(1)} s: ${(accepted / elapsed).toFixed(1)} ballots/s, p50 ${p(0.5)} ms, p95 ${p(0.95)} ms` +
    (failed.size ? `, failed: ${JSON.stringify([...failed])}` : ""),
);
if (cpuBefore) console.log(cpuReport(cpuBefore, cpuNow(serverPid), accepted, "ballot"));
console.log(`ACCEPTED ${accepted} CHOICES ${choices}`);
