// The ふりがな button: shows or hides ruby readings and remembers the choice across the pages of
// this browsing session (sessionStorage, not localStorage: on a school's shared PC the next pupil
// starts with the readings the page is configured for). Without JavaScript the button stays
// hidden and the page shows the configured default.
(function () {
  "use strict";
  var KEY = "tsunagi-furigana";
  var root = document.documentElement;
  var stored = null;
  try {
    stored = window.sessionStorage.getItem(KEY);
  } catch (e) {
    // Storage can be blocked; the button still works for this page.
  }
  if (stored === "off") {
    root.classList.add("furigana-off");
  }
  document.addEventListener("DOMContentLoaded", function () {
    var button = document.getElementById("furigana-toggle");
    if (!button) {
      return;
    }
    var sync = function () {
      button.setAttribute("aria-pressed", root.classList.contains("furigana-off") ? "false" : "true");
    };
    button.hidden = false;
    sync();
    button.addEventListener("click", function () {
      var off = root.classList.toggle("furigana-off");
      try {
        window.sessionStorage.setItem(KEY, off ? "off" : "on");
      } catch (e) {
        // Not remembered, but applied.
      }
      sync();
    });
  });
})();
