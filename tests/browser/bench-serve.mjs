// Benchmark (not a test) of `tsunagi serve`: the time from saving a file to (1) the reload event
// reaching a client of the event stream and (2) the page showing the change in chromium, for
// three kinds of change, on the example project and on the example with its municipalities
// cloned (`--towns N`). Prints medians of `--rounds` saves. Run through scripts/bench-serve.
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, readdirSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { REPO, launch } from "./harness.mjs";

const { values } = parseArgs({ options: { rounds: { type: "string", default: "9" }, towns: { type: "string", default: "0" } } });
const rounds = Number(values.rounds);
const bin = process.env.TSUNAGI_BIN || join(REPO, "target", "release", "tsunagi");

function project(extraTowns) {
  const dir = mkdtempSync(join(tmpdir(), "tsunagi-bench-serve-"));
  for (const part of ["tsunagi.toml", "content", "themes"]) cpSync(join(REPO, part), join(dir, part), { recursive: true });
  const towns = join(dir, "content", "municipalities");
  const model = readdirSync(towns).sort()[0];
  for (let i = 0; i < extraTowns; i++) {
    const slug = `clone${String(i).padStart(4, "0")}`;
    cpSync(join(towns, model), join(towns, slug), { recursive: true });
    // A distinct local-government code, with its check digit (weights 6..2, (11 − sum mod 11) mod 10).
    const first = String(90000 + i);
    const sum = [...first].reduce((s, d, j) => s + Number(d) * (6 - j), 0);
    const code = first + ((11 - (sum % 11)) % 10);
    const toml = join(towns, slug, "municipality.toml");
    writeFileSync(toml, readFileSync(toml, "utf8").replace(/^code = .*$/m, `code = "${code}"`));
  }
  return dir;
}

async function serve(dir) {
  const child = spawn(bin, ["serve", "--port", "0", "--today", "2026-11-28", "--root", dir], { stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, TSUNAGI_LANG: "en" } });
  const log = [];
  const origin = await new Promise((ok) => {
    createInterface({ input: child.stderr }).on("line", (line) => {
      log.push(line);
      const m = line.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) ok(`http://127.0.0.1:${m[1]}`);
    });
  });
  return { child, origin, log };
}

/** Resolves with the time of each `reload` event, through `next()`. */
function events(origin) {
  const waiting = [];
  request(`${origin}/__tsunagi/events`, (res) => {
    res.setEncoding("utf8");
    res.on("data", (chunk) => {
      if (chunk.includes("event: reload")) waiting.shift()?.(performance.now());
    });
  }).end();
  return { next: () => new Promise((ok) => waiting.push(ok)) };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function measure(label, extraTowns) {
  const dir = project(extraTowns);
  const { child, origin, log } = await serve(dir);
  const stream = events(origin);
  await new Promise((ok) => setTimeout(ok, 500));
  const browser = await launch();
  const page = await browser.newPage();
  const town = readdirSync(join(dir, "content", "municipalities")).sort()[0];
  const file = join(dir, "content", "stress", "sleep.md");
  const original = readFileSync(file, "utf8");
  const local = join(dir, "content", "municipalities", town, "about.md");
  const localOriginal = readFileSync(local, "utf8");
  // Each change, and the page that shows it.
  const kinds = {
    "a shared page's body": [`${town}/stress/sleep/`, (i) => writeFileSync(file, `${original}\n計測${i}の一文です。\n`)],
    "a shared page's title": [`${town}/stress/sleep/`, (i) => writeFileSync(file, original.replace('title = "', `title = "計測${i}：`) + `\n計測${i}の一文です。\n`)],
    "a municipality's page": [`${town}/about/`, (i) => writeFileSync(local, `${localOriginal}\n計測${i}の一文です。\n`)],
  };
  for (const [kind, [path, edit]] of Object.entries(kinds)) {
    const toEvent = [];
    const toPage = [];
    for (let i = 0; i < rounds; i++) {
      const listening = page.waitForResponse((r) => r.url().endsWith("/__tsunagi/events"));
      await page.goto(`${origin}/${path}`);
      await listening;
      const mark = `計測${kind.length}${i}の一文です。`;
      const t0 = performance.now();
      const event = stream.next();
      edit(`${kind.length}${i}`);
      toEvent.push((await event) - t0);
      await page.getByText(mark).waitFor({ timeout: 60_000 });
      toPage.push(performance.now() - t0);
      await new Promise((ok) => setTimeout(ok, 300));
    }
    const rebuilt = log.filter((l) => l.startsWith("rebuilt")).at(-1);
    console.log(`${label} | ${kind} | ${median(toEvent).toFixed(0)} ms | ${median(toPage).toFixed(0)} ms | ${rebuilt}`);
  }
  await browser.close();
  child.kill("SIGINT");
  rmSync(dir, { recursive: true, force: true });
}

console.log(`project | change | save → reload event (median of ${rounds}) | save → page shows it in chromium | last rebuild line`);
await measure("example (5 towns)", 0);
if (Number(values.towns) > 0) await measure(`example + ${values.towns} towns`, Number(values.towns));
