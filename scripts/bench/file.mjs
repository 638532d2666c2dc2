// Filing throughput over HTTP: CLIENTS signed-in residents file requests as fast as they can
// for SECONDS, each through the filing server function as the browser posts it (multipart),
// optionally with one photo. Prints filings per second and, with SERVER_PID set, where the
// CPU went per filing.
//   [SERVER_PID=…] node scripts/bench/file.mjs http://127.0.0.1:3200 16 30 [photo]
import { cpuNow, cpuReport } from "./cpu.mjs";
import { deflateSync } from "node:zlib";
import { randomUUID } from "node:crypto";

const [base, clientsArg, secondsArg, withPhoto] = process.argv.slice(2);
const clients = Number(clientsArg ?? 16);
const seconds = Number(secondsArg ?? 30);

/** A 1600 × 1200 PNG with some texture (a phone photo's size class once re-encoded). */
function photo() {
  const [w, h] = [1600, 1200];
  const raw = Buffer.alloc((w * 3 + 1) * h);
  let seed = 7;
  for (let y = 0; y < h; y++) {
    raw[y * (w * 3 + 1)] = 0;
    for (let x = 0; x < w; x++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const o = y * (w * 3 + 1) + 1 + x * 3;
      raw[o] = (x + (seed & 15)) & 255;
      raw[o + 1] = (y + ((seed >> 4) & 15)) & 255;
      raw[o + 2] = (x ^ y) & 255;
    }
  }
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 255] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const image = withPhoto ? new Blob([photo()], { type: "image/png" }) : null;
if (image) console.log(`photo: ${image.size} bytes PNG, 1600 × 1200`);

async function signIn(i) {
  const phone = String(13700000000 + i);
  const res = await fetch(`${base}/api/accounts/sign_in`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: `phone=${phone}&password=jiesu-resident`,
    redirect: "manual",
  });
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0];
  if (!cookie) throw new Error(`client ${i} could not sign in: ${res.status}`);
  return cookie;
}

async function client(i, cookie, until, counts) {
  while (Date.now() < until) {
    const form = new FormData();
    form.set("idempotency_key", randomUUID());
    form.set("community", "110108025014");
    form.set("kind", "complaint");
    form.set("category", "environment.noise");
    form.set("description", `压测诉求：夜里施工噪音很大，客户端 ${i}`);
    form.set("public", "on");
    form.set("not_duplicate", "on");
    if (image) form.set("photos", image, "photo.png");
    const res = await fetch(`${base}/api/requests/file`, {
      method: "POST",
      headers: { cookie },
      body: form,
      redirect: "manual",
    });
    await res.arrayBuffer();
    if (res.status === 200) counts.ok++;
    else counts.failed.set(res.status, (counts.failed.get(res.status) ?? 0) + 1);
  }
}

const cookies = await Promise.all(Array.from({ length: clients }, (_, i) => signIn(i)));
const counts = { ok: 0, failed: new Map() };
const serverPid = process.env.SERVER_PID;
const cpuBefore = serverPid ? cpuNow(serverPid) : null;
const started = Date.now();
const until = started + seconds * 1000;
await Promise.all(cookies.map((cookie, i) => client(i, cookie, until, counts)));
const elapsed = (Date.now() - started) / 1000;
console.log(
  `filing ${image ? "with one photo" : "without a photo"}: ${clients} clients, ${elapsed.toFixed(1)} s, ` +
    `${counts.ok} filed, ${(counts.ok / elapsed).toFixed(1)} filings/s` +
    (counts.failed.size ? `, failed: ${JSON.stringify([...counts.failed])}` : ""),
);
if (cpuBefore) console.log(cpuReport(cpuBefore, cpuNow(serverPid), counts.ok, "filing"));
