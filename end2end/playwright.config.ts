import { defineConfig } from "@playwright/test";

// Every spec runs twice: in a hydrated page and with JavaScript off. The server is the release
// build, on its own port and database (scripts/dev.sh test prepares both).
const port = Number(process.env.JIESU_E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "./tests",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  // In CI one retry, so a timing flake on a busy 2-core machine does not block a landing; a
  // retried test is still listed as "flaky" in the report. Locally, none.
  retries: process.env.CI ? 1 : 0,
  reporter: [["list"]],
  use: {
    baseURL,
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [
    { name: "hydrated", use: { javaScriptEnabled: true } },
    { name: "no-js", use: { javaScriptEnabled: false } },
  ],
  webServer: {
    command: "target/release/server",
    cwd: "..",
    url: `${baseURL}/readyz`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      DATABASE_URL: process.env.JIESU_E2E_DATABASE_URL ?? "",
      JIESU_DEMO_DATA: "true",
      JIESU_SMS_DEV: "true",
      // The browser tests follow live results with one voter; the api tests hold the
      // default (5: one ballot alone never shows).
      JIESU_LIVE_RESULTS_MIN_BALLOTS: "1",
      // Every test registers residents from 127.0.0.1: more codes per client than a person.
      JIESU_CODES_PER_CLIENT_PER_HOUR: "10000",
      JIESU_FILINGS_PER_HOUR: "1000",
      LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
      LEPTOS_SITE_ROOT: "target/site",
      RUST_LOG: process.env.RUST_LOG ?? "warn",
    },
    gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
  },
});
