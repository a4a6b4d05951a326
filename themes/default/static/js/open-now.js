// The 受付中 / 受付時間外 badge of consultation windows. Each window or line with known hours
// carries them in data-hours (see src/data/hours.rs, Hours::badge_json); holidays come from
// holidays.js, generated at build time. The plain hours are always on the page; without
// JavaScript there is simply no badge. The rules are those of Hours::is_open in Rust. The
// badge's words are the theme's labels (badge.open, badge.closed), in the page's language, as
// data- attributes of this script's element.
(function () {
  "use strict";
  var script = document.currentScript;
  var words = {
    open: (script && script.getAttribute("data-open")) || "",
    closed: (script && script.getAttribute("data-closed")) || ""
  };
  var holidays = window.TSUNAGI_HOLIDAYS || [];

  // The current date and time in Japan, whatever the reader's time zone.
  function japanNow() {
    var parts = {};
    new Intl.DateTimeFormat("en-CA", {
      timeZone: "Asia/Tokyo", year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", hourCycle: "h23"
    }).formatToParts(new Date()).forEach(function (p) { parts[p.type] = p.value; });
    var date = parts.year + "-" + parts.month + "-" + parts.day;
    return { date: date, minute: Number(parts.hour) * 60 + Number(parts.minute) };
  }

  function addDays(date, n) {
    var d = new Date(date + "T00:00:00Z");
    d.setUTCDate(d.getUTCDate() + n);
    return d.toISOString().slice(0, 10);
  }

  function weekday(date) {
    return new Date(date + "T00:00:00Z").getUTCDay();
  }

  function closedDay(h, date) {
    var md = date.slice(5);
    var yearEnd = md >= "12-29" || md <= "01-03";
    return (h.holidays && holidays.indexOf(date) >= 0) || (h.yearEnd && yearEnd);
  }

  // A period [open, close] of minutes that starts on the days `on` accepts: close at or before
  // open runs into the next day.
  function within(on, open, close, now, yesterday) {
    if (close > open) return on(now.date) && now.minute >= open && now.minute < close;
    return (on(now.date) && now.minute >= open) || (on(yesterday) && now.minute < close);
  }

  function isOpen(h, now) {
    if (h.always) return true;
    var yesterday = addDays(now.date, -1);
    var weekly = (h.periods || []).some(function (p) {
      var on = function (d) { return p[0].indexOf(weekday(d)) >= 0 && !closedDay(h, d); };
      return within(on, p[1], p[2], now, yesterday);
    });
    // Openings on a day of every month (e.g. the 10th): [day, open, close].
    return weekly || (h.monthly || []).some(function (m) {
      var on = function (d) { return Number(d.slice(8)) === m[0] && !closedDay(h, d); };
      return within(on, m[1], m[2], now, yesterday);
    });
  }

  function update() {
    var now = japanNow();
    document.querySelectorAll("[data-hours]").forEach(function (el) {
      var badge = el.querySelector(".open-now");
      if (!badge) return;
      var open;
      try { open = isOpen(JSON.parse(el.getAttribute("data-hours")), now); } catch (e) { return; }
      badge.textContent = open ? words.open : words.closed;
      badge.className = "open-now " + (open ? "open-now--open" : "open-now--closed");
      badge.hidden = false;
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    update();
    window.setInterval(update, 60 * 1000);
  });
})();
