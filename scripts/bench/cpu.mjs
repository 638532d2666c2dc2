// Where a benchmark's CPU went, read from /proc: the load generator (this process), the
// server, every Postgres process, and everything else on the machine.

import { readFileSync, readdirSync } from "node:fs";

/** CPU seconds process `pid` has used (0 once it is gone). */
function cpuOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // utime and stime: the 14th and 15th fields, counted after the ")" closing the name.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** CPU seconds so far: this process, the server `serverPid`, each Postgres process, the machine. */
export function cpuNow(serverPid) {
  const postgres = new Map();
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, "utf8").trim() === "postgres") postgres.set(pid, cpuOf(pid));
    } catch {
      // Gone between the listing and the read.
    }
  }
  const [, ...ticks] = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).map(Number);
  const idle = ticks[3] + ticks[4];
  const total = ticks.slice(0, 8).reduce((a, b) => a + b, 0);
  return { self: cpuOf(process.pid), server: cpuOf(serverPid), postgres, busy: (total - idle) / 100, total: total / 100 };
}

/** Where the CPU went between `a` and `b`, in milliseconds per one of `count` `what`s. */
export function cpuReport(a, b, count, what) {
  let postgres = 0;
  for (const [pid, t] of b.postgres) postgres += t - (a.postgres.get(pid) ?? 0);
  const self = b.self - a.self;
  const server = b.server - a.server;
  const busy = b.busy - a.busy;
  const ms = (s) => ((1000 * s) / count).toFixed(2);
  return (
    `CPU per ${what}: load generator ${ms(self)} ms, server ${ms(server)} ms, postgres ${ms(postgres)} ms, ` +
    `everything else ${ms(busy - self - server - postgres)} ms; ` +
    `the machine was ${((100 * busy) / (b.total - a.total)).toFixed(0)} % busy`
  );
}
