// `tsunagi serve` as a writer sees it in a real browser: an open page reloads by itself after a
// save, a mistake shows its file, line and message over the last good page, and fixing it
// takes the message away, without a restart and with nothing blocked by the pages' CSP.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { REPO, ARTIFACTS, launch } from "./harness.mjs";

let project, server, origin, browser;

/// A copy of the example project (with `extra` appended to `page` when given) and `tsunagi serve`
/// on it with `args`: { project, server, origin }.
async function startServe(args, page, extra) {
  const root = mkdtempSync(join(tmpdir(), "tsunagi-serve-"));
  for (const part of ["tsunagi.toml", "content", "themes"]) cpSync(join(REPO, part), join(root, part), { recursive: true });
  if (page) writeFileSync(join(root, page), readFileSync(join(root, page), "utf8") + extra);
  const bin = process.env.TSUNAGI_BIN || join(REPO, "target", "release", "tsunagi");
  const proc = spawn(bin, ["serve", "--port", "0", "--today", "2026-11-28", "--root", root, ...args], { stdio: ["ignore", "ignore", "pipe"] });
  const address = await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error("serve did not print its address")), 60_000);
    createInterface({ input: proc.stderr }).on("line", (line) => {
      const m = line.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) {
        clearTimeout(timer);
        ok(`http://127.0.0.1:${m[1]}`);
      }
    });
  });
  return { project: root, server: proc, origin: address };
}

before(async () => {
  ({ project, server, origin } = await startServe([]));
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.kill("SIGINT");
  rmSync(project, { recursive: true, force: true });
});

test("a save reloads the open page, a mistake shows over the last good page, a fix clears it", async () => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  const blocked = [];
  page.on("console", (m) => {
    if (m.type() === "error") blocked.push(m.text());
  });
  // The page listens once its event stream is open.
  const listening = page.waitForResponse((r) => r.url().endsWith("/__tsunagi/events"));
  await page.goto(`${origin}/tokorozawa/stress/sleep/`);
  await listening;
  const file = join(project, "content", "stress", "sleep.md");
  const original = readFileSync(file, "utf8");

  writeFileSync(file, `${original}\nブラウザーで確かめる一文です。\n`);
  await page.getByText("ブラウザーで確かめる一文です。").waitFor({ timeout: 15_000 });

  writeFileSync(file, `${original}\n[どこにもないページ](@/nowhere.md)\n`);
  const overlay = page.locator("#tsunagi-errors[role=alert]");
  await overlay.waitFor({ state: "visible", timeout: 15_000 });
  const message = await overlay.textContent();
  assert.match(message, /content\/stress\/sleep\.md:\d+:\d+/, "file, line and column");
  assert.match(message, /@\/nowhere\.md/, "the mistake itself");
  // Over the whole screen, above everything, readable.
  const box = await overlay.boundingBox();
  assert.ok(box.width >= 380 && box.height >= 800, JSON.stringify(box));
  await page.screenshot({ path: `${ARTIFACTS}/serve-error-overlay.png` });
  // The last good version is still the page underneath.
  assert.equal(await page.getByText("ブラウザーで確かめる一文です。").count(), 1);

  writeFileSync(file, original);
  await overlay.waitFor({ state: "detached", timeout: 15_000 });
  await page.waitForFunction(() => !document.body.textContent.includes("ブラウザーで確かめる一文です。"), null, { timeout: 15_000 });
  assert.deepEqual(blocked, [], "no script or style blocked, no failed request");
  await page.close();
});

test("serve --review frames the readings to confirm, with the other readings in a tooltip", async () => {
  // 辛い: つらい or からい; the analyser cannot be sure which (tests/furigana_review.rs).
  const review = await startServe(["--review"], "content/school/friends.md", "\n辛いときは、ひとりでがまんしないで話してみよう。\n");
  try {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const blocked = [];
    page.on("console", (m) => {
      if (m.type() === "error") blocked.push(m.text());
    });
    await page.goto(`${review.origin}/tokorozawa/school/friends/`);
    const marked = page.locator("ruby[data-uncertain]");
    assert.equal(await marked.count(), 1, "one reading to confirm");
    await page.waitForFunction(() => getComputedStyle(document.querySelector("ruby[data-uncertain]")).outlineStyle === "dashed");
    assert.match(await marked.getAttribute("title"), /からい/);
    assert.match(await marked.textContent(), /辛/);
    // Every other ruby on the page is as the build writes it: no frame.
    const framed = await page.$$eval("ruby", (all) => all.filter((r) => getComputedStyle(r).outlineStyle !== "none").length);
    assert.equal(framed, 1);
    await marked.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}/serve-review.png` });
    assert.deepEqual(blocked, [], "no script or style blocked");
    await page.close();
  } finally {
    review.server.kill("SIGINT");
    rmSync(review.project, { recursive: true, force: true });
  }
});
