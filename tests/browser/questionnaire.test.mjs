// Self-check questionnaires (issue 18) on the example sites, as built by the real binary, in
// Chromium at phone size: answered by keyboard alone, each K6 band at its published cut-offs
// shows the right result and ends with help (a high-distress band with the crisis lines first);
// a missing answer is announced and named; axe finds no violation on the form, the errors or
// any result; from opening the page to the result no request leaves the page's own files, and
// nothing is written to cookies, storage or caches. Without JavaScript: the questions with
// their points and the table to add them up by hand. A project's own instrument (reversed
// item, subscale, cut-offs by an answer) scores in the browser as the build says.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { useSiteAndBrowser, axe, REPO, ARTIFACTS } from "./harness.mjs";

const env = useSiteAndBrowser(before, after);
const PHONE = { width: 375, height: 667 };
const PAGE = "/sayama/stress/check/";
const ITEMS = ["nervous", "hopeless", "restless", "depressed", "effort", "worthless"];
/** The K6 choices in page order and their points (国民生活基礎調査: いつも 4 … まったくない 0). */
const POINTS = [4, 3, 2, 1, 0];

/** Records, in the page, every attempt to store something or to send something by script. */
const WATCH = () => {
  const writes = [];
  window.__writes = writes;
  const wrap = (obj, name, label) => {
    const original = obj[name];
    obj[name] = function (...args) {
      writes.push(label);
      return original.apply(this, args);
    };
  };
  wrap(Storage.prototype, "setItem", "storage.setItem");
  const cookie = Object.getOwnPropertyDescriptor(Document.prototype, "cookie");
  Object.defineProperty(Document.prototype, "cookie", {
    get() {
      return cookie.get.call(this);
    },
    set(v) {
      writes.push("cookie");
      cookie.set.call(this, v);
    },
  });
  if (window.indexedDB) wrap(IDBFactory.prototype, "open", "indexedDB.open");
  if (window.caches) wrap(CacheStorage.prototype, "open", "caches.open");
  wrap(Navigator.prototype, "sendBeacon", "sendBeacon");
  wrap(window, "fetch", "fetch");
  wrap(XMLHttpRequest.prototype, "open", "xhr");
};

async function open(path = PAGE, options = {}) {
  const { blockScript, textPercent, ...contextOptions } = options;
  const context = await env.browser.newContext({ viewport: PHONE, bypassCSP: true, ...contextOptions });
  const page = await context.newPage();
  if (textPercent) {
    // The reader's text size (Chromium's default font size, as Android's font-size setting sets it).
    const cdp = await context.newCDPSession(page);
    await cdp.send("Page.setFontSizes", { fontSizes: { standard: Math.round((16 * textPercent) / 100), fixed: Math.round((13 * textPercent) / 100) } });
  }
  await page.addInitScript(WATCH);
  const requests = [];
  const loaded = { done: false };
  page.on("request", (r) => requests.push({ url: r.url(), type: r.resourceType(), loaded: loaded.done }));
  if (options.blockScript) await page.route("**/js/questionnaire.js", (r) => r.abort());
  // Everything the page loads by itself (the favicon comes after the load event) is in.
  await page.goto(env.site.origin + path, { waitUntil: "networkidle" });
  loaded.done = true;
  return { context, page, requests };
}

/** Moves the focus by Tab alone (or `key`) until it is on `selector`. */
async function tabTo(page, selector, limit = 120, key = "Tab") {
  for (let i = 0; i < limit; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) return;
    await page.keyboard.press(key);
  }
  assert.fail(`Tab never reached ${selector}`);
}

/** Answers by keyboard: in each radio group, Space picks the first choice and ArrowDown moves the
 *  choice down; Tab goes to the next question. `choices[i]` is the index of item i's choice
 *  (undefined: leave it unanswered). Ends on the submit button, pressed with Enter. */
async function answer(page, choices) {
  await tabTo(page, "#q-k6-nervous input");
  for (let i = 0; i < ITEMS.length; i++) {
    const choice = choices[i];
    if (choice !== undefined) {
      await page.keyboard.press("Space");
      for (let k = 0; k < choice; k++) await page.keyboard.press("ArrowDown");
    }
    await page.keyboard.press("Tab");
    if (i + 1 < ITEMS.length) {
      const there = await page.evaluate((id) => document.activeElement?.name === `q-k6-${id}`, ITEMS[i + 1]);
      assert.ok(there, `Tab leads to question ${i + 2}`);
    }
  }
  assert.equal(await page.evaluate(() => document.activeElement?.className), "q-submit");
  await page.keyboard.press("Enter");
}

/** What the result shows: the visible bands' titles, scores, whether numbers to call (crisis
 *  lines, for a crisis) come right after the title, the tel links in the visible band, and where
 *  the focus is. */
function shown(page) {
  return page.evaluate(() => {
    const result = document.querySelector(".q-result");
    const bands = [...document.querySelectorAll(".q-band")].filter((b) => !b.hidden);
    return {
      resultShown: !result.hidden,
      bands: bands.map((b) => {
        const title = b.querySelector(".q-band__title");
        const next = title.nextElementSibling;
        return {
          title: title.textContent.trim(),
          score: b.querySelector("[data-score]").textContent,
          min: Number(b.dataset.min),
          scoreFirst: b.firstElementChild.classList.contains("q-score"),
          callAfterTitle: Boolean(next && next.classList.contains("q-call") && next.querySelector("a.tel")),
          crisis: Boolean(next && next.classList.contains("q-crisis")),
          tels: [...b.querySelectorAll("a.tel")].map((a) => a.getAttribute("href")),
        };
      }),
      focus: document.activeElement?.id,
      helpAtEnd: document.querySelector(".questionnaire").lastElementChild.classList.contains("q-help"),
      helpTels: document.querySelectorAll(".q-help a.tel").length,
    };
  });
}

test("keyboard only: each K6 band at its published cut-offs, help at the end, nothing sent or stored", async () => {
  // Boundary answers (choice indexes: 0 いつも 4点 … 4 まったくない 0点) and the band's lowest score.
  const cases = [
    [[4, 4, 4, 4, 4, 4], 0, 0],
    [[0, 4, 4, 4, 4, 4], 4, 0],
    [[0, 3, 4, 4, 4, 4], 5, 5],
    [[1, 1, 1, 4, 4, 4], 9, 5],
    [[2, 2, 2, 2, 2, 4], 10, 10],
    [[0, 0, 0, 2, 4, 4], 14, 10],
    [[1, 1, 1, 1, 1, 4], 15, 15],
    [[0, 0, 0, 0, 0, 0], 24, 15],
  ];
  for (const [choices, score, min] of cases) {
    const { context, page, requests } = await open();
    await answer(page, choices);
    const r = await shown(page);
    const expected = choices.reduce((sum, c) => sum + POINTS[c], 0);
    assert.equal(expected, score, "the case adds up as stated");
    assert.ok(r.resultShown, `result shown for ${score}`);
    assert.equal(r.bands.length, 1, `one band for ${score}`);
    assert.equal(r.bands[0].score, String(score));
    assert.equal(r.bands[0].min, min, `score ${score} falls in the band from ${min}`);
    assert.ok(r.bands[0].scoreFirst, `the score first (score ${score})`);
    assert.equal(r.bands[0].crisis, min === 15, `crisis lines only from 15 (score ${score})`);
    assert.equal(r.bands[0].callAfterTitle, min >= 10, `a number to call under the title from 10 (score ${score})`);
    if (min === 15) assert.ok(r.bands[0].tels.includes("tel:0120279338"), `よりそいホットライン first for adults: ${r.bands[0].tels}`);
    assert.equal(r.focus, "q-k6-result-heading", "the focus moves to the result");
    assert.ok(r.helpAtEnd && r.helpTels > 0, "the questionnaire ends with help, with numbers to call");
    const after = requests.filter((q) => q.loaded);
    assert.deepEqual(after, [], `no request from opening to result: ${JSON.stringify(after)}`);
    const offSite = requests.filter((q) => !q.url.startsWith(env.site.origin) || q.type === "fetch" || q.type === "xhr");
    assert.deepEqual(offSite, [], "only the site's own files load");
    const stored = await page.evaluate(() => ({
      writes: window.__writes,
      cookie: document.cookie,
      local: localStorage.length,
      session: sessionStorage.length,
    }));
    assert.deepEqual(stored, { writes: [], cookie: "", local: 0, session: 0 });
    assert.deepEqual(await context.cookies(), []);
    await context.close();
  }
});

test("after a keyboard submit, the score, the band's title and a number to call are on a phone's first screen, at 100 % and 200 % text, and stay there", async () => {
  // Issue 30: focus used to land on the 「結果」 heading at the bottom of the screen, the score and
  // the band below it; the first crisis number about 300 px below the screen.
  const problems = [];
  const seen = [];
  for (const path of ["/sayama/stress/check/", "/sayama/school/check/"]) {
    for (const textPercent of [100, 200]) {
      // The highest answer everywhere (24 points, the crisis band) and a middle one (12, 10–14).
      for (const [choices, score] of [[[0, 0, 0, 0, 0, 0], 24], [[2, 2, 2, 2, 2, 2], 12]]) {
        const { context, page } = await open(path, { textPercent });
        await answer(page, choices);
        const where = `${path} ${textPercent} % ${score} points`;
        const measure = () =>
          page.evaluate(() => {
            const band = [...document.querySelectorAll(".q-band")].find((b) => !b.hidden);
            const box = (el) => {
              if (!el) return null;
              const r = el.getBoundingClientRect();
              return [Math.round(r.top), Math.round(r.bottom)];
            };
            return {
              focus: document.activeElement?.id,
              score: box(band?.querySelector(".q-score")),
              title: box(band?.querySelector(".q-band__title")),
              tel: box(band?.querySelector("a.tel")),
              shown: band?.querySelector("[data-score]").textContent,
              height: window.innerHeight,
            };
          });
        const first = await measure();
        if (first.shown !== String(score)) problems.push(`${where}: shows ${first.shown}`);
        if (!/-result-heading$/.test(first.focus || "")) problems.push(`${where}: focus on ${first.focus}`);
        for (const part of ["score", "title", "tel"]) {
          const b = first[part];
          if (!b) problems.push(`${where}: no ${part}`);
          else if (b[0] < 0 || b[1] > first.height) problems.push(`${where}: ${part} at ${b[0]}–${b[1]} px, outside 0–${first.height}`);
        }
        await page.waitForTimeout(600);
        const later = await measure();
        if (JSON.stringify(later) !== JSON.stringify(first)) problems.push(`${where}: moved after the submit: ${JSON.stringify(first)} → ${JSON.stringify(later)}`);
        seen.push(`${where.replace("/sayama/", "")}: tel ends ${first.tel?.[1]} px`);
        await page.screenshot({ path: join(ARTIFACTS, `k6-result-${path.split("/")[2]}-${textPercent}-${score}.png`) });
        await context.close();
      }
    }
  }
  console.log(`# K6 result at 375×667: ${seen.join("; ")}`);
  assert.deepEqual(problems, []);
});

test("the watch sees what it must not see (a control for the test above)", async () => {
  const { context, page } = await open();
  await page.evaluate(() => {
    localStorage.setItem("x", "1");
    document.cookie = "x=1";
  });
  assert.deepEqual(await page.evaluate(() => window.__writes), ["storage.setItem", "cookie"]);
  await context.close();
});

test("pupils' page: the children's lines first in a high-distress result, ruby on the questions", async () => {
  const { context, page } = await open("/sayama/school/check/");
  assert.ok(await page.locator(".q-item legend ruby").count() > 0, "the questions carry furigana");
  await answer(page, [0, 0, 0, 0, 0, 0]);
  const r = await shown(page);
  assert.equal(r.bands[0].min, 15);
  assert.ok(r.bands[0].crisis);
  assert.equal(r.bands[0].tels[0], "tel:0120078310", `24時間子供SOSダイヤル first: ${r.bands[0].tels}`);
  await context.close();
});

test("a missing answer is announced, named and linked; answering it gives the result", async () => {
  const { context, page } = await open();
  await answer(page, [4, 4, undefined, 4, 4, 4]);
  const state = await page.evaluate(() => ({
    alert: document.querySelector(".q-errors[role=alert]")?.hidden === false,
    focusInErrors: document.activeElement?.id === "q-k6-errors",
    text: document.querySelector(".q-errors").textContent,
    link: document.querySelector(".q-errors a")?.getAttribute("href"),
    invalid: [...document.querySelectorAll("[aria-invalid=true]")].map((e) => e.name),
    resultHidden: document.querySelector(".q-result").hidden,
  }));
  assert.ok(state.alert && state.focusInErrors, JSON.stringify(state));
  assert.match(state.text, /1問/);
  assert.match(state.text, /質問3/);
  assert.equal(state.link, "#q-k6-restless-always");
  assert.deepEqual([...new Set(state.invalid)], ["q-k6-restless"]);
  assert.ok(state.resultHidden);
  assert.deepEqual(await axe(page), [], "axe with the errors shown");
  // By keyboard: Tab to the link, Enter moves to the question; Space answers it.
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "q-k6-restless-always");
  await page.keyboard.press("Space");
  assert.equal(await page.locator("[aria-invalid=true]").count(), 0, "answering clears the error");
  await tabTo(page, ".q-submit");
  await page.keyboard.press("Enter");
  const r = await shown(page);
  assert.equal(r.bands[0].score, "4");
  // Reset: answers and result gone.
  await tabTo(page, ".q-reset", 20, "Shift+Tab");
  await page.keyboard.press("Enter");
  assert.equal(await page.locator(".q-result").isHidden(), true);
  assert.equal(await page.locator("input:checked").count(), 0);
  await context.close();
});

test("axe: no violation on the form and on each result", async () => {
  const { context, page } = await open();
  assert.deepEqual(await axe(page), [], "the form");
  for (const choices of [[4, 4, 4, 4, 4, 4], [3, 3, 3, 3, 3, 4], [2, 2, 2, 2, 2, 4], [0, 0, 0, 0, 0, 0]]) {
    await page.keyboard.press("Escape");
    await page.evaluate(() => document.querySelector(".q-form").reset());
    await answer(page, choices);
    assert.equal((await shown(page)).bands.length, 1);
    assert.deepEqual(await axe(page), [], `the result for ${choices}`);
  }
  await page.emulateMedia({ colorScheme: "dark" });
  assert.deepEqual(await axe(page), [], "a result in the dark scheme");
  await context.close();
});

test("without JavaScript: the points beside each answer and the table to add them up; print keeps the table", async () => {
  const { context, page, requests } = await open(PAGE, { javaScriptEnabled: false });
  const state = await page.evaluate(() => ({
    buttons: [...document.querySelectorAll(".q-actions button")].filter((b) => b.offsetParent !== null).length,
    byHand: document.querySelector(".q-by-hand").offsetParent !== null,
    rows: document.querySelectorAll(".q-sheet li .q-sheet__blank").length,
    bands: [...document.querySelectorAll(".q-bands tbody th")].map((t) => t.textContent.trim()),
    points: document.querySelectorAll(".q-points").length,
  }));
  assert.equal(state.buttons, 0, "no button that would do nothing");
  assert.ok(state.byHand);
  assert.equal(state.rows, 6);
  assert.deepEqual(state.bands, ["0〜4点", "5〜9点", "10〜14点", "15〜24点"]);
  assert.equal(state.points, 30);
  // Whatever the reader presses, the form goes nowhere: method="dialog" outside a dialog.
  const before = requests.length;
  await page.check("#q-k6-nervous-always");
  await page.focus("#q-k6-nervous-always");
  await page.keyboard.press("Enter");
  await page.evaluate(() => document.querySelector(".q-form").requestSubmit());
  await page.waitForTimeout(300);
  assert.equal(page.url(), env.site.origin + PAGE, "no navigation");
  assert.deepEqual(requests.slice(before), [], "no request");
  await context.close();
  // axe needs JavaScript: the same page with the questionnaire's script failing to load.
  const failed = await open(PAGE, { blockScript: true });
  assert.equal(await failed.page.locator(".q-by-hand").isVisible(), true);
  assert.equal(await failed.page.locator(".q-actions").isVisible(), false);
  assert.deepEqual(await axe(failed.page), [], "axe without the script");
  await failed.context.close();
  // With JavaScript the table is off the screen, but on paper.
  const js = await open();
  assert.equal(await js.page.locator(".q-by-hand").isHidden(), true);
  await js.page.emulateMedia({ media: "print" });
  assert.equal(await js.page.locator(".q-by-hand").isVisible(), true, "printed");
  assert.equal(await js.page.locator(".q-actions").isVisible(), false, "buttons not printed");
  await js.context.close();
});

test("a project's own questionnaire: a reversed item, a subscale and cut-offs by an answer score in the browser as the build says", async () => {
  // The made-up instrument of the Rust tests (tests/questionnaire/own.toml), on a page of a copy of
  // the example project, built by the same binary.
  const dir = mkdtempSync(join(tmpdir(), "tsunagi-own-"));
  for (const part of ["content", "themes", "tsunagi.toml"]) cpSync(join(REPO, part), join(dir, part), { recursive: true });
  mkdirSync(join(dir, "questionnaires"));
  cpSync(join(REPO, "tests", "questionnaire", "own.toml"), join(dir, "questionnaires", "own.toml"));
  writeFileSync(join(dir, "content", "addiction", "own-check.md"), '+++\ntitle = "チェック"\n+++\n\n{{ questionnaire(id="own") }}\n');
  const bin = process.env.TSUNAGI_BIN || join(REPO, "target", "release", "tsunagi");
  execFileSync(bin, ["build", "--root", dir, "--quiet"], { stdio: "inherit" });
  const context = await env.browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  await page.goto(pathToFileURL(join(dir, "site", "iruma", "addiction", "own-check", "index.html")).href);
  // [group, one, two] → the total band's title and score, and the mood band's score. `two` is
  // reversed: はい 0, いいえ 1; `one` also counts towards mood; the total's cut-offs depend on group.
  const cases = [
    [["a", "no", "yes"], "低い（A）", "0", "0"],
    [["a", "yes", "yes"], "高い（A）", "1", "1"],
    [["b", "yes", "yes"], "低い（B）", "1", "1"],
    [["b", "yes", "no"], "高い（B）", "2", "1"],
  ];
  for (const [[group, one, two], title, total, mood] of cases) {
    await page.evaluate(() => document.querySelector(".q-form").reset());
    for (const [item, choice] of [["group", group], ["one", one], ["two", two]]) {
      await page.focus(`#q-own-${item}-${choice}`);
      await page.keyboard.press("Space");
    }
    await page.focus(".q-submit");
    await page.keyboard.press("Enter");
    const shown = await page.evaluate(() =>
      [...document.querySelectorAll(".q-band")].filter((b) => !b.hidden).map((b) => [b.dataset.scale, b.querySelector(".q-band__title").textContent.trim(), b.querySelector("[data-score]").textContent, b.classList.contains("q-band--crisis")]),
    );
    assert.deepEqual(shown, [["total", title, total, title === "高い（B）"], ["mood", "気分", mood, false]], `${group} ${one} ${two}`);
  }
  await context.close();
  rmSync(dir, { recursive: true, force: true });
});
