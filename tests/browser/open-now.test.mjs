// The 受付中 / 受付時間外 badge, with the browser clock fixed at known Japan times, checked
// against the same cases as Hours::is_open in src/data/hours.rs.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { useSiteAndBrowser, ARTIFACTS } from "./harness.mjs";

const env = useSiteAndBrowser(before, after);

async function badges(isoJapanTime, timezoneId = "Asia/Tokyo", withFreeLine = false) {
  const context = await env.browser.newContext({ timezoneId });
  const page = await context.newPage();
  await page.clock.setFixedTime(new Date(isoJapanTime));
  await page.goto(`${env.site.origin}/hanno/consult/`);
  await page.locator(".open-now:not([hidden])").first().waitFor();
  const read = (sel) => page.locator(`${sel} .open-now`).first().textContent();
  const result = {
    yorisoi: await read('.national-line:has-text("よりそいホットライン")'),
    childline: await read('.national-line--phone:has-text("チャイルドライン")'),
    office: await read('.window:has-text("こころの健康相談（例）")'),
  };
  if (withFreeLine) result.free = await read('.national-line:has-text("自殺予防いのちの電話")');
  await page.screenshot({ path: `${ARTIFACTS}/consult-open-now.png`, fullPage: true });
  await context.close();
  return result;
}

test("a weekday morning: office windows open, the evening line closed, 24-hour lines open", async () => {
  assert.deepEqual(await badges("2026-11-25T10:00:00+09:00"), { yorisoi: "受付中", childline: "受付時間外", office: "受付中" });
});

test("a national holiday closes the office window; the evening line opens at 16:00", async () => {
  // 2026-11-23 is 勤労感謝の日 (a Monday).
  assert.deepEqual(await badges("2026-11-23T16:30:00+09:00"), { yorisoi: "受付中", childline: "受付中", office: "受付時間外" });
});

test("year-end closure, and Japan time is used whatever the reader's time zone", async () => {
  // 2026-12-29 10:00 in Japan is 2026-12-29 01:00 in UTC; the reader is in Brazil.
  assert.deepEqual(await badges("2026-12-29T10:00:00+09:00", "America/Sao_Paulo"), { yorisoi: "受付中", childline: "受付時間外", office: "受付時間外" });
});

test("チャイルドライン is closed at 16:30 over the New Year (12/29–1/3) and open again on 1/4", async () => {
  // Issue 30: the badge used to say 受付中 on a closure day.
  assert.equal((await badges("2026-12-30T16:30:00+09:00")).childline, "受付時間外");
  assert.equal((await badges("2027-01-04T16:30:00+09:00")).childline, "受付中");
});

test("the free line of いのちの電話 is open from 8:00 on the 10th to 8:00 the next day, and otherwise 16:00–21:00", async () => {
  assert.equal((await badges("2027-01-10T09:00:00+09:00", "Asia/Tokyo", true)).free, "受付中", "the 10th, 9:00");
  assert.equal((await badges("2027-01-11T07:30:00+09:00", "Asia/Tokyo", true)).free, "受付中", "the 11th, 7:30");
  assert.equal((await badges("2027-01-11T09:00:00+09:00", "Asia/Tokyo", true)).free, "受付時間外", "the 11th, 9:00");
  assert.equal((await badges("2027-01-11T16:30:00+09:00", "Asia/Tokyo", true)).free, "受付中", "every day from 16:00");
});
