// Self-check questionnaires (the `questionnaire` shortcode). Scores the answers in the page and
// shows the band the build wrote for that score: no text of its own, no request, no storage,
// no cookie — the answers never leave this page. The points of each choice (reversed items
// already turned round) and the bands' ranges come from the build (src/questionnaire), which
// tests the same scoring against the published cut-offs.
//
// Without JavaScript the buttons stay hidden and the page shows the questions with their points
// and a table to add them up by hand; with it, that table is kept for printing only.
(function () {
  "use strict";

  function scoresOf(form) {
    var scores = {};
    var answers = {};
    var missing = [];
    var items = form.querySelectorAll("fieldset[data-item]");
    for (var i = 0; i < items.length; i++) {
      var item = items[i];
      var chosen = item.querySelector("input[type=radio]:checked");
      if (!chosen) {
        missing.push(item);
        continue;
      }
      answers[item.getAttribute("data-item")] = chosen.value;
      var scales = (item.getAttribute("data-scales") || "").split(" ");
      for (var j = 0; j < scales.length; j++) {
        if (scales[j]) {
          scores[scales[j]] = (scores[scales[j]] || 0) + Number(chosen.getAttribute("data-points"));
        }
      }
    }
    return { scores: scores, answers: answers, missing: missing };
  }

  function setInvalid(item, invalid) {
    var error = item.querySelector(".q-error");
    if (error) {
      error.hidden = !invalid;
    }
    var radios = item.querySelectorAll("input[type=radio]");
    for (var i = 0; i < radios.length; i++) {
      if (invalid) {
        radios[i].setAttribute("aria-invalid", "true");
        if (error) {
          radios[i].setAttribute("aria-describedby", error.id);
        }
      } else {
        radios[i].removeAttribute("aria-invalid");
        radios[i].removeAttribute("aria-describedby");
      }
    }
  }

  // The words the script writes, in the page's language: patterns with {name} holes that the
  // theme's labels (questionnaire.js_*) put in data- attributes of the form.
  function say(form, name, values) {
    var pattern = form.getAttribute("data-" + name) || "";
    return pattern.replace(/\{(\w+)\}/g, function (hole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : hole;
    });
  }

  function showErrors(form, box, missing) {
    box.textContent = "";
    var p = document.createElement("p");
    p.textContent = say(form, "missing", { count: missing.length });
    box.appendChild(p);
    var list = document.createElement("ul");
    for (var i = 0; i < missing.length; i++) {
      var number = missing[i].querySelector(".q-number");
      var first = missing[i].querySelector("input[type=radio]");
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = "#" + first.id;
      a.textContent = say(form, "answer", {
        number: number ? number.textContent.replace(/\D/g, "") : i + 1
      });
      li.appendChild(a);
      list.appendChild(li);
    }
    box.appendChild(list);
    box.hidden = false;
    box.focus();
  }

  function setUp(root) {
    var form = root.querySelector("form");
    var result = root.querySelector(".q-result");
    var errors = root.querySelector(".q-errors");
    var actions = root.querySelector(".q-actions");
    var byHand = root.querySelector("[data-by-hand]");
    if (!form || !result || !errors || !actions) {
      return;
    }
    actions.hidden = false;
    if (byHand) {
      byHand.hidden = true;
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var found = scoresOf(form);
      var items = form.querySelectorAll("fieldset[data-item]");
      for (var i = 0; i < items.length; i++) {
        setInvalid(items[i], found.missing.indexOf(items[i]) >= 0);
      }
      if (found.missing.length) {
        result.hidden = true;
        showErrors(form, errors, found.missing);
        return;
      }
      errors.hidden = true;
      errors.textContent = "";
      var bands = result.querySelectorAll(".q-band");
      for (var b = 0; b < bands.length; b++) {
        var band = bands[b];
        var score = found.scores[band.getAttribute("data-scale")] || 0;
        var whenItem = band.getAttribute("data-when-item");
        var fits = score >= Number(band.getAttribute("data-min")) &&
          score <= Number(band.getAttribute("data-max")) &&
          (!whenItem || found.answers[whenItem] === band.getAttribute("data-when-choice"));
        band.hidden = !fits;
        var shown = band.querySelector("[data-score]");
        if (shown) {
          shown.textContent = fits ? String(score) : "";
        }
      }
      result.hidden = false;
      // The result starts at the top of the screen, so that the score, the band's title and
      // the first number to call are what one sees (a plain focus() would leave the heading at
      // the bottom of a phone's screen, the result below it). Instant, never animated.
      var heading = result.querySelector("h2");
      (heading || result).focus({ preventScroll: true });
      result.scrollIntoView({ block: "start", behavior: "instant" });
    });
    form.addEventListener("reset", function () {
      result.hidden = true;
      errors.hidden = true;
      errors.textContent = "";
      var items = form.querySelectorAll("fieldset[data-item]");
      for (var i = 0; i < items.length; i++) {
        setInvalid(items[i], false);
      }
    });
    form.addEventListener("change", function (event) {
      var item = event.target.closest && event.target.closest("fieldset[data-item]");
      if (item) {
        setInvalid(item, false);
      }
    });
  }

  var all = document.querySelectorAll("[data-questionnaire]");
  for (var i = 0; i < all.length; i++) {
    setUp(all[i]);
  }
})();
