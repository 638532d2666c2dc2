// Staff steps over HTTP: CLIENTS signed-in staff take STEP on the requests whose tracking
// numbers come on stdin (one per line), each number once, as fast as they can, through the
// staff form's server function (multipart, as the browser posts it). Prints steps per second.
//   node scripts/bench/handle.mjs http://127.0.0.1:3201 16 dispatch <phone prefix> <password> < numbers
import { readFileSync } from "node:fs";

const [base, clientsArg, step, phonePrefix, password] = process.argv.slice(2);
const clients = Number(clientsArg ?? 16);
const numbers = readFileSync(0, "utf8").split("\n").filter(Boolean);
const fields = {
  dispatch: { unit: "street:110108025" },
  resolve: { closure: "resolved", explanation: "压测：已处理完毕" },
}[step];
if (!fields) throw new Error(`unknown step ${step}`);

async function signIn(i) {
  const phone = `${phonePrefix}${String(i).padStart(2, "0")}`;
  const res = await fetch(`${base}/api/accounts/sign_in`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: `phone=${phone}&password=${password}`,
    redirect: "manual",
  });
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0];
  if (!cookie) throw new Error(`${phone} could not sign in: ${res.status}`);
  return cookie;
}

let next = 0;
async function client(cookie, counts) {
  while (next < numbers.length) {
    const number = numbers[next++];
    const form = new FormData();
    form.set("number", number);
    form.set("step", step);
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    const res = await fetch(`${base}/api/requests/handle`, { method: "POST", headers: { cookie }, body: form, redirect: "manual" });
    await res.arrayBuffer();
    if (res.status === 200) counts.ok++;
    else counts.failed.set(res.status, (counts.failed.get(res.status) ?? 0) + 1);
  }
}

const cookies = await Promise.all(Array.from({ length: clients }, (_, i) => signIn(i)));
const counts = { ok: 0, failed: new Map() };
const started = Date.now();
await Promise.all(cookies.map((cookie) => client(cookie, counts)));
const elapsed = (Date.now() - started) / 1000;
console.log(
  `${step}: ${clients} clients, ${elapsed.toFixed(1)} s, ${counts.ok} done, ${(counts.ok / elapsed).toFixed(1)} steps/s` +
    (counts.failed.size ? `, failed: ${JSON.stringify([...counts.failed])}` : ""),
);
