// The ふりがな button: shows or hides ruby readings and remembers the choice across pages.
// Without JavaScript the button stays hidden and the page shows the configured default.
(function () {
  "use strict";
  var KEY = "tsunagi-furigana";
  var root = document.documentElement;
  var stored = null;
  try {
    stored = window.localStorage.getItem(KEY);
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
        window.localStorage.setItem(KEY, off ? "off" : "on");
      } catch (e) {
        // Not remembered, but applied.
      }
      sync();
    });
  });
})();
