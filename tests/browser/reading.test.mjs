// What a reader sees on the events page and in page dates (issue 11, item 8): dates written
// the Japanese way wherever a person reads them (ISO stays in datetime attributes), no
// 「カレンダーに追加」 for events that are over, and an event's kind not repeated before its title.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { useSiteAndBrowser, pagesOf } from "./harness.mjs";

const env = useSiteAndBrowser(before, after);

test("dates read the Japanese way, past events offer no calendar, kinds are not repeated", async () => {
  const context = await env.browser.newContext({ viewport: { width: 375, height: 800 } });
  const page = await context.newPage();
  const problems = [];
  for (const path of ["/hanno/events/", "/hanno/gatekeeper/training/", "/hanno/addiction/alcohol/", "/hanno/consult/", "/hanno/accessibility/"]) {
    await page.goto(env.site.origin + path);
    const text = await page.locator("main").innerText();
    for (const iso of text.match(/(?<!\d)(19|20)\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?![\d-])/g) ?? []) problems.push(`${path}: ${iso} written in ISO form`);
    for (const title of await page.locator(".event__title").allInnerTexts()) {
      const words = title.trim().split(/\s+/);
      if (words.length > 1 && words[1].startsWith(words[0])) problems.push(`${path}: kind repeated in 「${title}」`);
    }
  }
  await page.goto(`${env.site.origin}/hanno/events/`);
  const pastCalendarLinks = await page.locator("#past ~ .event a[href$='.ics']").count();
  if (pastCalendarLinks > 0) problems.push(`${pastCalendarLinks} past events offer カレンダーに追加`);
  const upcomingCalendarLinks = await page.locator(".event a[href$='.ics']").count();
  await context.close();
  assert.deepEqual(problems, []);
  assert.ok(upcomingCalendarLinks > 0, "upcoming events still offer the calendar");
});

test("the help box offers the lines for the page's readers: pupils get the children's lines first", async () => {
  const context = await env.browser.newContext({ viewport: { width: 375, height: 800 } });
  const page = await context.newPage();
  const firstLine = async (path) => {
    await page.goto(env.site.origin + path);
    return page.locator(".help-now a.tel").first().innerText();
  };
  const school = await firstLine("/hanno/school/sos/");
  const general = await firstLine("/hanno/stress/");
  await context.close();
  assert.equal(school, "0120-0-78310", "24時間子供SOSダイヤル first on school pages");
  assert.equal(general, "0120-279-338", "よりそいホットライン on other pages");
});

test("no request fails (a favicon of the site's own), and the list of towns is in code order with the help box", async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const failed = [];
  page.on("response", (r) => {
    if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
  });
  for (const path of ["/", "/hanno/", "/hanno/school/sos/", "/hanno/events/"]) {
    await page.goto(env.site.origin + path);
    await page.waitForLoadState("networkidle");
  }
  await page.goto(env.site.origin + "/");
  const towns = await page.locator(".card-list a").allInnerTexts();
  const help = await page.locator(".help-now a.tel").count();
  await context.close();
  assert.deepEqual(failed, []);
  assert.deepEqual(towns, ["所沢市", "飯能市", "狭山市", "入間市", "日高市"], "全国地方公共団体コード order");
  assert.ok(help > 0, "the list of towns has the help box too");
});

test("on paper: the page's address and a QR code to it, no live 受付中 badge, each number once, link addresses", async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${env.site.origin}/hanno/consult/`);
  const onScreen = await page.locator(".print-address").isVisible();
  await page.emulateMedia({ media: "print" });
  const printed = await page.evaluate(() => ({
    address: document.querySelector(".print-address")?.innerText ?? "",
    qr: document.querySelector(".print-address svg path[stroke]")?.getAttribute("d")?.length ?? 0,
    badges: [...document.querySelectorAll(".open-now")].filter((el) => getComputedStyle(el).display !== "none").length,
    // Every phone number printed, as many times as it is printed.
    numbers: [...document.querySelectorAll("a.tel")].filter((a) => a.getClientRects().length > 0).map((a) => a.textContent.trim()),
  }));
  const pdf = await page.pdf({ format: "A4" });
  const sheets = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  console.log(`# consult printed on ${sheets} A4 pages`);
  await page.goto(`${env.site.origin}/hanno/stress/signs/`);
  const linkAddress = await page.evaluate(() => {
    const a = document.querySelector("main .content a[href^='../']");
    return getComputedStyle(a, "::after").content;
  });
  await context.close();
  const repeated = printed.numbers.filter((n, i) => printed.numbers.indexOf(n) !== i);
  assert.deepEqual(repeated, [], "each help number is printed once");
  assert.match(linkAddress, /^"（https:\/\/kokoro\.example\.jp\/hanno\/[a-z/]+）"$/, "an in-site link prints its address");
  assert.equal(onScreen, false, "the address block is for paper only");
  assert.match(printed.address, /https:\/\/kokoro\.example\.jp\/hanno\/consult\//);
  assert.ok(printed.qr > 100, "a QR code is drawn");
  assert.equal(printed.badges, 0, "no live badge on paper");
});

test("readable ruby on school pages at 375 px: body text of 18 px and readings of at least 10 px, never overlapping the line above, kanji not spread apart", async () => {
  const context = await env.browser.newContext({ viewport: { width: 375, height: 800 } });
  const page = await context.newPage();
  const problems = [];
  for (const path of ["/hanno/school/", "/hanno/school/sos/", "/hanno/school/friends/"]) {
    await page.goto(env.site.origin + path);
    const found = await page.evaluate(() => {
      const out = [];
      const rts = [...document.querySelectorAll("main rt")];
      const smallest = Math.min(...rts.map((rt) => parseFloat(getComputedStyle(rt).fontSize)));
      if (smallest < 10) out.push(`rt ${smallest}px`);
      // Every paragraph a pupil reads, the page's notes under the title among them.
      for (const p of document.querySelectorAll("main p")) {
        const body = parseFloat(getComputedStyle(p).fontSize);
        if (body < 18) out.push(`body text ${body}px (pupils get 18 px): 「${p.textContent.trim().slice(0, 20)}」`);
      }
      // The base text of every ruby, as boxes.
      const bases = [...document.querySelectorAll("main ruby")].flatMap((ruby) => {
        const range = document.createRange();
        const text = [...ruby.childNodes].find((n) => n.nodeType === Node.TEXT_NODE);
        if (!text) return [];
        range.selectNodeContents(text);
        return [...range.getClientRects()].map((r) => ({ r, ruby }));
      });
      // The kanji of one word stay together whatever the width of their reading: a kanji
      // inside a word is as wide as the font makes it (spreading widens each one's box; the
      // first and last may carry the word's centring).
      for (const ruby of document.querySelectorAll("ruby")) {
        const text = [...ruby.childNodes].find((n) => n.nodeType === Node.TEXT_NODE);
        if (!text || text.length < 3 || !ruby.getClientRects().length) continue;
        const em = parseFloat(getComputedStyle(ruby).fontSize);
        const inner = [...text.textContent].slice(1, -1).map((_, i) => {
          const r = document.createRange();
          r.setStart(text, i + 1);
          r.setEnd(text, i + 2);
          return r.getBoundingClientRect().width;
        });
        const widest = Math.max(...inner);
        if (widest > em * 1.1) out.push(`「${text.textContent}」 spread apart (a kanji ${widest.toFixed(1)} px wide at ${em} px)`);
      }
      for (const rt of rts) {
        const a = rt.getBoundingClientRect();
        for (const { r: b, ruby } of bases) {
          if (ruby.contains(rt)) continue;
          const overlap = a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
          if (overlap) {
            out.push(`「${rt.textContent}」 overlaps 「${ruby.firstChild.textContent}」`);
            break;
          }
        }
      }
      return out;
    });
    for (const f of found) problems.push(`${path}: ${f}`);
  }
  await context.close();
  assert.deepEqual(problems.slice(0, 10), []);
});

test("where a page speaks of 死にたい or 消えたい, a phone number stands right there", async () => {
  const context = await env.browser.newContext({ viewport: { width: 375, height: 800 } });
  const page = await context.newPage();
  const problems = [];
  let passages = 0;
  for (const town of ["hanno", "tokorozawa"]) {
    for (const path of pagesOf(env.site.root, town)) {
      await page.goto(env.site.origin + path);
      const found = await page.evaluate(() => {
        const crisis = /死にたい|消え(て(しまい)?)?たい/;
        const out = [];
        let n = 0;
        const content = document.querySelector("main .content");
        if (!content) return { out, n };
        for (const el of content.querySelectorAll("p, li, h2, h3, h4, td")) {
          if (!crisis.test(el.textContent) || [...el.children].some((c) => crisis.test(c.textContent) && c.matches("p, li, ul, ol"))) continue;
          n += 1;
          // The passage itself, or the two blocks after the block that holds it, give a number.
          let block = el;
          while (block.parentElement !== content) block = block.parentElement;
          const near = [block, block.nextElementSibling, block.nextElementSibling?.nextElementSibling].filter(Boolean);
          if (!near.some((b) => b.querySelector('a[href^="tel:"]') || b.matches('a[href^="tel:"]'))) out.push(`「${el.textContent.trim().slice(0, 30)}」 has no number near it`);
        }
        return { out, n };
      });
      passages += found.n;
      for (const f of found.out) problems.push(`${path}: ${f}`);
    }
  }
  await context.close();
  assert.deepEqual(problems, []);
  assert.ok(passages >= 4, `the example speaks of it on several pages (${passages} passages found)`);
});

test("the consult page leads to the town's own windows early, and windows and events are headings", async () => {
  const context = await env.browser.newContext({ viewport: { width: 375, height: 667 } });
  const page = await context.newPage();
  await page.goto(`${env.site.origin}/hanno/stress/`);
  const helpLink = await page.locator(".help-now__more a").getAttribute("href");
  assert.match(helpLink, /#town-windows$/, "the help box links to the town's windows, not the page top");
  await page.goto(new URL(helpLink, page.url()).href);
  const found = await page.evaluate(() => {
    const target = document.getElementById(location.hash.slice(1));
    const menu = [...document.querySelectorAll("#help-guide-title ~ ul a")].map((a) => a.getAttribute("href"));
    const sections = [...document.querySelectorAll("main section")].map((s) => s.id || s.getAttribute("aria-labelledby"));
    return {
      target: target?.textContent.trim() ?? null,
      targetTop: target ? target.getBoundingClientRect().top + window.scrollY : null,
      pageHeight: document.documentElement.scrollHeight,
      menu,
      sections,
      windowsAsHeadings: [...document.querySelectorAll(".window")].every((w) => w.querySelector("h2, h3, h4")),
    };
  });
  assert.match(found.target ?? "", /飯能市/, "the link lands on the town's windows");
  assert.ok(found.menu.includes("#town-windows"), `the page's own menu lists the town's windows: ${found.menu}`);
  console.log(`# consult at 375 px: the town's windows start at ${Math.round(found.targetTop)} of ${found.pageHeight} px`);
  assert.equal(found.sections[1], "town-windows", `right after 今すぐ話したい, not last: ${found.sections}`);
  assert.ok(found.windowsAsHeadings, "every window's name is a heading");
  await page.goto(`${env.site.origin}/hanno/events/`);
  const eventsAsHeadings = await page.evaluate(() => [...document.querySelectorAll(".event")].every((e) => e.querySelector("h2, h3, h4")));
  await context.close();
  assert.ok(eventsAsHeadings, "every event's title is a heading");
});

test("every page names its publisher, and the policy states what みんなの公共サイト運用ガイドライン asks", async () => {
  const context = await env.browser.newContext({ viewport: { width: 375, height: 800 } });
  const page = await context.newPage();
  const missing = [];
  for (const path of ["/hanno/", "/hanno/stress/signs/", "/hanno/school/sos/", "/hanno/events/", "/hanno/topics/", "/hanno/accessibility/", "/tokorozawa/consult/"]) {
    await page.goto(env.site.origin + path);
    const block = page.getByRole("region", { name: "このサイトの発行元" });
    if ((await block.count()) !== 1) missing.push(`${path}: no publisher block`);
    else if (!/埼玉県狭山保健所|保健センター|課/.test(await block.innerText())) missing.push(`${path}: the block names no office`);
  }
  await page.goto(`${env.site.origin}/hanno/accessibility/`);
  const headings = await page.locator("main h2").allInnerTexts();
  const facts = await page.locator("main .policy-facts dt").allInnerTexts();
  await context.close();
  assert.deepEqual(missing, []);
  for (const part of ["方針策定日", "目標とする適合レベル", "対象範囲", "試験の実施日"]) assert.ok(facts.includes(part), `the policy states ${part}: ${facts}`);
  for (const part of ["例外事項", "試験の実施と結果", "お問い合わせ"]) assert.ok(headings.includes(part), `the policy has ${part}: ${headings}`);
});
