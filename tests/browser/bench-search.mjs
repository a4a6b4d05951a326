// Site search benchmark (not a test; scripts/bench-search runs it): the size of each town's
// search index (bytes, gzip), what building it costs, and how fast the browser reads it and
// answers queries, on the example and on synthetic sites of N pages (~2 KB of Japanese each,
// sentences of the example's pages, deterministic).
//   node bench-search.mjs [--pages 100,1000] [--rounds 9]
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, cpSync, rmSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { createServer } from "node:http";
import { launch, REPO } from "./harness.mjs";

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const SIZES = opt("pages", "100,1000").split(",").filter(Boolean).map(Number);
const ROUNDS = Number(opt("rounds", "9"));
const BIN = process.env.TSUNAGI_BIN || join(REPO, "target", "release", "tsunagi");
const QUERIES = ["依存症", "いぞんしょう", "ギャンブル", "眠れない", "ゲートキーパー", "眠れません", "アルコール 相談"];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

/** Wall time of `tsunagi build` (median of 3), no cache. */
function buildTime(root, out) {
  const times = [];
  for (let i = 0; i < 3; i++) {
    rmSync(out, { recursive: true, force: true });
    const t = process.hrtime.bigint();
    execFileSync(BIN, ["build", "--root", root, "--out", out, "--quiet", "--no-cache", "--today", "2026-11-28"], { stdio: ["ignore", "ignore", "pipe"] });
    times.push(Number(process.hrtime.bigint() - t) / 1e9);
  }
  return median(times);
}

/** A copy of the example project with `extra` added to tsunagi.toml. */
function example(dir, extra = "") {
  for (const part of ["content", "themes"]) cpSync(join(REPO, part), join(dir, part), { recursive: true });
  writeFileSync(join(dir, "tsunagi.toml"), readFileSync(join(REPO, "tsunagi.toml"), "utf8") + extra);
}

/** Sentences of the example's shared pages, without markup. */
function sentences() {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) {
        if (name !== "municipalities") walk(p);
      } else if (name.endsWith(".md")) {
        const body = readFileSync(p, "utf8").split("+++").pop();
        for (const line of body.split("\n")) {
          if (!line || "#|!-{<0123456789".includes(line[0]) || /\{\{|\[|\*/.test(line)) continue;
          for (const s of line.split("。")) if (s.length > 8) out.push(s + "。");
        }
      }
    }
  };
  walk(join(REPO, "content"));
  return out;
}

/** A project of one town with `n` pages of ~2 KB under content/p/ (a seeded generator). */
function synthetic(dir, n, extra = "") {
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const pool = sentences();
  const pick = () => pool[Math.floor(rand() * pool.length)];
  mkdirSync(join(dir, "content", "p"), { recursive: true });
  mkdirSync(join(dir, "content", "consult"), { recursive: true });
  mkdirSync(join(dir, "content", "municipalities", "town"), { recursive: true });
  writeFileSync(join(dir, "tsunagi.toml"), `title = "ベンチ"\nbase_url = "https://example.jp/{slug}/"\n${extra}`);
  writeFileSync(join(dir, "content", "_index.md"), "+++\ntitle = \"ホーム\"\n+++\n\nベンチマークのサイトです。\n");
  writeFileSync(join(dir, "content", "consult", "_index.md"), "+++\ntitle = \"相談窓口\"\n+++\n\n相談窓口の一覧です。\n");
  writeFileSync(join(dir, "content", "p", "_index.md"), "+++\ntitle = \"ページ\"\n+++\n\nページの一覧です。\n");
  writeFileSync(join(dir, "content", "municipalities", "town", "municipality.toml"), "name = \"所沢市\"\nkana = \"ところざわし\"\ncode = \"112089\"\nprefecture = \"埼玉県\"\nhealth_center = \"埼玉県狭山保健所\"\n");
  for (let i = 0; i < n; i++) {
    let body = "";
    let k = 0;
    while (Buffer.byteLength(body) < 2000) {
      if (k % 4 === 0) body += `\n## ${pick().slice(0, 14).replace(/[。、]$/, "")}${k / 4 + 1}\n\n`;
      body += pick() + pick() + pick() + "\n";
      k++;
    }
    writeFileSync(join(dir, "content", "p", `p${i}.md`), `+++\ntitle = "${pick().slice(0, 16).replace(/"/g, "")}${i}"\n+++\n${body}`);
  }
}

/** Serves `root` on 127.0.0.1; returns { origin, close }. */
async function serve(root) {
  const server = createServer((req, res) => {
    let file = join(root, decodeURIComponent(new URL(req.url, "http://x").pathname));
    try {
      if (statSync(file).isDirectory()) file = join(file, "index.html");
      const type = file.endsWith(".js") ? "text/javascript" : file.endsWith(".css") ? "text/css" : "text/html; charset=utf-8";
      res.writeHead(200, { "content-type": type }).end(readFileSync(file));
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((ok) => server.close(ok)) };
}

/** In chromium (phone viewport): the search page's load, reading the index, and each query. */
async function browserTimes(browser, site, town) {
  const { origin, close } = await serve(site);
  const context = await browser.newContext({ viewport: { width: 375, height: 667 }, isMobile: true });
  const page = await context.newPage();
  const loads = [];
  for (let i = 0; i < 3; i++) {
    await page.goto(`${origin}/${town}/search/`, { waitUntil: "load" });
    loads.push(await page.evaluate(() => performance.getEntriesByType("navigation")[0].loadEventEnd));
  }
  const r = await page.evaluate(({ queries, rounds }) => {
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const reads = [];
    let engine;
    for (let i = 0; i < rounds; i++) {
      const t = performance.now();
      engine = new TsunagiSearch.Engine(self.tsunagiSearchIndex);
      reads.push(performance.now() - t);
    }
    const each = queries.map((q) => {
      const runs = [];
      let n = 0;
      for (let i = 0; i < rounds; i++) {
        const t = performance.now();
        n = engine.search(q).length;
        runs.push(performance.now() - t);
      }
      return [q, median(runs), n];
    });
    return { read: median(reads), each };
  }, { queries: QUERIES, rounds: ROUNDS });
  await context.close();
  await close();
  return { load: median(loads), ...r };
}

function indexSizes(site) {
  const out = [];
  for (const town of readdirSync(site).sort()) {
    const file = join(site, town, "search", "index.js");
    try {
      const bytes = readFileSync(file);
      out.push([town, bytes.length, gzipSync(bytes, { level: 9 }).length]);
    } catch {
      // not a town
    }
  }
  return out;
}

const tmp = mkdtempSync(join(tmpdir(), "tsunagi-bench-search-"));
const browser = await launch();
try {
  const script = readFileSync(join(REPO, "themes", "default", "static", "js", "search.js"));
  console.log(`js/search.js: ${kb(script.length)}, gzip ${kb(gzipSync(script, { level: 9 }).length)}`);
  console.log("\n## the example (5 towns)\n");
  const variants = [["search off", "\n[search]\nenabled = false\n"], ["no readings", "\n[search]\nreadings = false\n"], ["search on", ""]];
  const walls = [];
  for (const [name, extra] of variants) {
    const dir = join(tmp, `ex-${walls.length}`);
    mkdirSync(dir);
    example(dir, extra);
    walls.push([name, buildTime(dir, join(dir, "site")), join(dir, "site")]);
  }
  console.log(`build (wall, median of 3, --no-cache): ${walls.map(([n, w]) => `${n} ${w.toFixed(2)} s`).join(", ")}`);
  const noReadings = Object.fromEntries(indexSizes(walls[1][2]).map(([t, b, g]) => [t, [b, g]]));
  console.log("\n| town | index | gzip | without readings (gzip) |\n|---|---|---|---|");
  for (const [town, bytes, gz] of indexSizes(walls[2][2])) console.log(`| ${town} | ${kb(bytes)} | ${kb(gz)} | ${kb(noReadings[town][0])} (${kb(noReadings[town][1])}) |`);
  const t = await browserTimes(browser, walls[2][2], "sayama");
  console.log(`\nchromium, sayama: search page loaded in ${t.load.toFixed(0)} ms; index read in ${t.read.toFixed(1)} ms; queries (median of ${ROUNDS}): ${t.each.map(([q, ms, n]) => `${q} ${ms.toFixed(2)} ms (${n})`).join(", ")}`);

  console.log("\n## synthetic sites of N pages (~2 KB of Japanese each)\n");
  console.log("| pages | index | gzip | build off / on | search page load | index read | slowest query |\n|---|---|---|---|---|---|---|");
  for (const n of SIZES) {
    const off = join(tmp, `off-${n}`);
    const on = join(tmp, `on-${n}`);
    synthetic(off, n, "\n[search]\nenabled = false\n");
    synthetic(on, n);
    const wOff = buildTime(off, join(off, "site"));
    const wOn = buildTime(on, join(on, "site"));
    const [[, bytes, gz]] = indexSizes(join(on, "site"));
    const b = await browserTimes(browser, join(on, "site"), "town");
    const slowest = b.each.reduce((a, c) => (c[1] > a[1] ? c : a));
    console.log(`| ${n} | ${kb(bytes)} | ${kb(gz)} | ${wOff.toFixed(2)} s / ${wOn.toFixed(2)} s | ${b.load.toFixed(0)} ms | ${b.read.toFixed(0)} ms | ${slowest[0]} ${slowest[1].toFixed(1)} ms |`);
  }
} finally {
  await browser.close();
  rmSync(tmp, { recursive: true, force: true });
}
