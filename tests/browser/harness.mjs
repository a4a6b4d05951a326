// Shared set-up for the browser tests: builds the example sites with the real binary into a
// temporary folder, serves them on 127.0.0.1, and launches Debian's chromium (never a
// downloaded browser) with no background networking.
import { execFileSync } from "node:child_process";
import { createServer } from "node:http";
import { mkdtempSync, readFileSync, existsSync, mkdirSync, statSync, rmSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, extname, dirname, resolve, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
export const REPO = resolve(here, "..", "..");
export const ARTIFACTS = join(REPO, "test-artifacts");
mkdirSync(ARTIFACTS, { recursive: true });

const TYPES = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".xml": "application/xml", ".txt": "text/plain", ".png": "image/png", ".svg": "image/svg+xml" };

/** Every HTML file under `dir`, sorted. */
export function htmlFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...htmlFiles(p));
    else if (name.endsWith(".html")) out.push(p);
  }
  return out;
}

/** URL paths of the pages of a built site under `root`, of one town or (without `town`) of all
 *  of them and the list of towns; 404.html is included at its own URL. */
export function pagesOf(root, town = "") {
  return htmlFiles(join(root, town)).map((f) => "/" + relative(root, f).replace(/index\.html$/, ""));
}

export async function startSite() {
  const out = mkdtempSync(join(tmpdir(), "tsunagi-browser-"));
  // The binary the tests were built with (scripts/test builds the release profile, as the README does).
  const bin = process.env.TSUNAGI_BIN || join(REPO, "target", "release", "tsunagi");
  execFileSync(bin, ["build", "--root", REPO, "--out", join(out, "site"), "--quiet"], { stdio: "inherit" });
  const root = join(out, "site");
  const server = createServer((req, res) => {
    let path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    let file = join(root, path);
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!existsSync(file)) {
      res.writeHead(404, { "content-type": TYPES[".html"] }).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] || "application/octet-stream" });
    res.end(readFileSync(file));
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const close = async () => {
    await new Promise((ok) => server.close(ok));
    rmSync(out, { recursive: true, force: true });
  };
  return { origin, root, close };
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/** Registers before/after hooks that build and serve the site and launch the browser; returns
 *  an object whose `site` and `browser` are set once the hooks have run. */
export function useSiteAndBrowser(before, after) {
  const env = { site: null, browser: null };
  before(async () => {
    env.site = await startSite();
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    await env.site?.close();
  });
  return env;
}

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
/** The rules axe runs: WCAG 2.0/2.1/2.2 A and AA, and best practices (target-size included). */
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

/** axe-core's violations on the page as it is now, one line each (rule: first three targets).
 *  axe is injected as a script: the page's context needs `bypassCSP`. */
export async function axe(page) {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: "tag", values: tags }, rules: { "target-size": { enabled: true } } });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
  }, AXE_TAGS);
}
