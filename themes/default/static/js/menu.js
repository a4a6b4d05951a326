// The menu button: on narrow screens the navigation folds behind it so that the help box stays
// on the first screen. Without JavaScript the button stays hidden and the navigation is simply
// shown; on wide screens the stylesheet hides the button and shows the navigation.
(function () {
  "use strict";
  var button = document.getElementById("menu-toggle");
  var nav = button && document.getElementById(button.getAttribute("aria-controls"));
  if (!nav) {
    return;
  }
  var set = function (open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    nav.classList.toggle("is-open", open);
  };
  document.documentElement.classList.add("menu-ready");
  button.hidden = false;
  set(false);
  button.addEventListener("click", function () {
    set(button.getAttribute("aria-expanded") !== "true");
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
      set(false);
      button.focus();
    }
  });
})();
