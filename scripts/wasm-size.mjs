// Prints the size (raw, gzip, brotli) of every .wasm and .js file in a folder and fails when
// the WASM loaded on first visit is over the budget (brotli bytes).
//   node scripts/wasm-size.mjs target/site/pkg 200000
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const [dir = "target/site/pkg", budgetArg = "200000"] = process.argv.slice(2);
const budget = Number(budgetArg);
let wasmBrotli = 0;
console.log("file".padEnd(28), "raw".padStart(10), "gzip".padStart(10), "brotli".padStart(10));
for (const name of readdirSync(dir).filter((n) => /\.(wasm|js)$/.test(n)).sort()) {
  const bytes = readFileSync(path.join(dir, name));
  const gzip = zlib.gzipSync(bytes, { level: 9 }).length;
  const brotli = zlib.brotliCompressSync(bytes, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  }).length;
  if (name.endsWith(".wasm")) wasmBrotli += brotli;
  console.log(name.padEnd(28), String(bytes.length).padStart(10), String(gzip).padStart(10), String(brotli).padStart(10));
}
if (wasmBrotli === 0) {
  console.error(`no .wasm file in ${dir}: build first`);
  process.exit(1);
}
console.log(`first-load WASM: ${wasmBrotli} bytes brotli (budget ${budget})`);
if (wasmBrotli > budget) {
  console.error(`over the WASM budget by ${wasmBrotli - budget} bytes`);
  process.exit(1);
}
