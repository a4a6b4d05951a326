// Site search, in the reader's browser: the index (search/index.js, loaded before this script)
// holds every page of this site, and nothing a person types is sent anywhere.
//
// Matching. Text and query are folded the same way, character for character: full-width
// letters and digits as ASCII, lower case, katakana (full- or half-width) as hiragana; the query
// is NFKC-normalised first. Each kanji word of the index carries
// its reading (tsunagi marks it at build time: MARK surface READING reading END), so every
// text is searched twice: as written, and with its kanji words read (いぞんしょう finds
// 依存症). A query word in kanji is also read with the readings the index knows, so that
// 眠れない finds ねむれない. A query word found as written is an exact match; one that is not
// may still match by its character pairs (bigrams), each weighted by how rare it is in the site,
// when pairs worth at least half of the word are on the page; such a match ranks below any
// exact one.
//
// Ranking. Per query word, the best place it is found: title (8) above a heading (4) above the
// description (3) above body text (1), more when the word fills more of a title or heading,
// a little more for each repetition in the body (up to 5); a scattered match counts less than
// 1, below any exact match. Every word of the query must be found. A query whose words stand together on the page
// gets a bonus.
//
// Where a person in crisis lands. The index lists the words that say a reader may be in crisis
// (`crisis`: tsunagi check's suicide, crisis and self-harm lists) and the town's help page
// (`help`). A query holding one of those words shows the page's help block (numbers to call)
// before the results, and the help page first among them, even when nothing else matches; a
// query that finds nothing shows the help page and a number. Known mis-conversions and other
// spellings (`widen`: 依存性 → 依存症) widen a query word, and the status says so.
(function (root) {
  "use strict";

  var MARK = "\uE000";
  var READING = "\uE001";
  var END = "\uE002";
  var WEIGHT = { title: 8, heading: 4, description: 3, text: 1 };

  // Half-width katakana (U+FF66–U+FF9F) as full-width hiragana, one for one (the voiced marks as
  // ゛ and ゜): folding a text never changes its length, so a match in it is where it is shown.
  var HALF = "をぁぃぅぇぉゃゅょっーあいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわん゛゜";

  /** `s` folded for matching, character for character (the same length): full-width letters and
   *  digits as ASCII, lower case, katakana as hiragana. */
  function foldText(s) {
    return s.replace(/[A-Z\uff01-\uff5e\u30a1-\u30f6\u30fd\u30fe\uff66-\uff9f]/g, function (c) {
      var code = c.charCodeAt(0);
      if (code <= 0x5a) return String.fromCharCode(code + 0x20);
      if (code >= 0xff66) return HALF[code - 0xff66];
      if (code >= 0xff01) return String.fromCharCode(code - 0xfee0).toLowerCase();
      return String.fromCharCode(code - 0x60);
    });
  }

  /** A query folded: NFKC first (so that ｶﾞ is ガ, ㈱ is (株)), then as a text. */
  function fold(s) {
    return foldText(s.normalize("NFKC").toLowerCase());
  }

  function hasKanji(s) {
    return /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3005\u3006\u30f6]|[\ud840-\ud87f][\udc00-\udfff]/.test(s);
  }

  /**
   * A marked text of the index, ready to search: `shown` as written (marks removed), `plain`
   * folded (the same length), `read` folded with each marked word replaced by its reading, and
   * `spans`, where the marked words are in `read` and in `shown` ([readStart, readEnd,
   * shownStart, shownEnd]…), to find in `shown` what was found in `read`.
   */
  function prepare(marked, vocabulary) {
    if (marked.indexOf(MARK) < 0) {
      var plainOnly = foldText(marked);
      return { shown: marked, plain: plainOnly, read: plainOnly, spans: [] };
    }
    var shown = [];
    var read = [];
    var spans = [];
    var shownLength = 0;
    var readLength = 0;
    var i = 0;
    while (i < marked.length) {
      var start = marked.indexOf(MARK, i);
      var sep = start < 0 ? -1 : marked.indexOf(READING, start);
      var end = sep < 0 ? -1 : marked.indexOf(END, sep);
      if (end < 0) start = marked.length;
      var before = marked.slice(i, start);
      shown.push(before);
      read.push(foldText(before));
      shownLength += before.length;
      readLength += before.length;
      if (end < 0) break;
      var surface = marked.slice(start + 1, sep);
      var reading = fold(marked.slice(sep + 1, end));
      spans.push([readLength, readLength + reading.length, shownLength, shownLength + surface.length]);
      shown.push(surface);
      read.push(reading);
      shownLength += surface.length;
      readLength += reading.length;
      if (vocabulary) {
        var key = foldText(surface);
        if (!vocabulary.has(key)) vocabulary.set(key, reading);
      }
      i = end + 1;
    }
    var text = shown.join("");
    return { shown: text, plain: foldText(text), read: read.join(""), spans: spans };
  }

  /** Where position `at` of a text's `read` is in its `shown`: the start of a marked word's
   *  surface when `at` falls in its reading (its end when `isEnd`). */
  function shownAt(text, at, isEnd) {
    var spans = text.spans;
    var lo = 0;
    var hi = spans.length - 1;
    var last = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      // An end is exclusive: a match that ends where a word starts does not reach into it.
      if (spans[mid][0] < at || (!isEnd && spans[mid][0] === at)) {
        last = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    if (last < 0) return at;
    var s = spans[last];
    if (at < s[1] || (isEnd && at === s[1])) return isEnd ? s[3] : s[2];
    return at - s[1] + s[3];
  }

  /** The search engine over an index (`self.tsunagiSearchIndex`). */
  function Engine(index) {
    var vocabulary = new Map();
    this.pages = (index && index.pages ? index.pages : []).map(function (p, order) {
      var fields = [];
      var title = prepare(p[1], vocabulary);
      fields.push({ kind: "title", text: title, id: "" });
      if (p[2]) fields.push({ kind: "description", text: prepare(p[2], vocabulary), id: "" });
      (p[3] || []).forEach(function (s, section) {
        var heading = s[1] ? prepare(s[1], vocabulary) : null;
        if (heading) fields.push({ kind: "heading", text: heading, id: s[0], section: section });
        if (s[2]) fields.push({ kind: "text", text: prepare(s[2], vocabulary), id: s[0], section: section, heading: heading ? heading.shown : "" });
      });
      var all = fields.map(function (f) { return f.text.plain + "\n" + f.text.read; }).join("\n");
      return { path: p[0], title: title.shown, fields: fields, all: all, order: order };
    });
    this.vocabulary = vocabulary;
    this.maxWord = 1;
    var self = this;
    vocabulary.forEach(function (_, key) { self.maxWord = Math.max(self.maxWord, key.length); });
    this.crisisWords = ((index && index.crisis) || []).map(fold).filter(Boolean);
    this.widen = [];
    var widen = (index && index.widen) || {};
    Object.keys(widen).forEach(function (from) {
      self.widen.push({ from: fold(from), to: widen[from].map(fold), shown: widen[from] });
    });
    // Longest first: a query word takes the longest variant it holds (インターネット, not ネット).
    this.widen.sort(function (a, b) { return b.from.length - a.from.length; });
    this.help = (index && index.help) || "";
  }

  /** Whether `query` holds a crisis word. A word of ASCII letters (od) counts only where no
   *  ASCII letter is glued to it; spaces in the query do not count (死に たい). */
  Engine.prototype.isCrisis = function (query) {
    var q = fold(query).replace(/\s+/g, "");
    return this.crisisWords.some(function (w) {
      if (!/^[a-z]+$/.test(w)) return q.indexOf(w) >= 0;
      for (var at = q.indexOf(w); at >= 0; at = q.indexOf(w, at + 1)) {
        var before = q.charAt(at - 1);
        var after = q.charAt(at + w.length);
        if (!/[a-z]/.test(before) && !/[a-z]/.test(after)) return true;
      }
      return false;
    });
  };

  /** The variants `word` (folded) holds: the longest first, none inside another. */
  Engine.prototype.variantsIn = function (word) {
    var found = [];
    var taken = [];
    this.widen.forEach(function (v) {
      var at = word.indexOf(v.from);
      // Not where the word already reads as the variant (ゲートキーパー holds ゲートキーパ).
      if (at < 0 || v.to.some(function (to) { return word.startsWith(to, at); })) return;
      var end = at + v.from.length;
      if (taken.some(function (t) { return at < t[1] && end > t[0]; })) return;
      taken.push([at, end]);
      found.push({ at: at, end: end, variant: v });
    });
    return found;
  };

  /** The other forms `word` (folded) is searched as: each variant it holds replaced. */
  Engine.prototype.widened = function (word) {
    var out = [];
    this.variantsIn(word).forEach(function (f) {
      f.variant.to.forEach(function (to) {
        var form = word.slice(0, f.at) + to + word.slice(f.end);
        if (form !== word && out.indexOf(form) < 0) out.push(form);
      });
    });
    return out;
  };

  /** The words a query was widened by, as written in the table (依存症), for the status. */
  Engine.prototype.widenings = function (query) {
    var self = this;
    var out = [];
    this.words(query).forEach(function (w) {
      self.variantsIn(w).forEach(function (f) {
        f.variant.shown.forEach(function (shown) { if (out.indexOf(shown) < 0) out.push(shown); });
      });
    });
    return out;
  };

  /** `results` with the help page first (added when it was not among them). */
  Engine.prototype.helpFirst = function (results) {
    var help = this.help;
    if (!help) return results;
    var rest = results.filter(function (r) { return r.path !== help; });
    var own = results.filter(function (r) { return r.path === help; })[0];
    if (!own) {
      var page = this.pages.filter(function (p) { return p.path === help; })[0];
      if (!page) return results;
      own = this.result(page, 0, null, []);
    }
    return [own].concat(rest);
  };

  /** The query's words, folded: split at spaces and punctuation, each once. */
  Engine.prototype.words = function (query) {
    var seen = new Set();
    return fold(query)
      .split(/[\s、。，．,.・!?！？「」『』（）()［］\[\]【】〈〉《》"'“”‘’:;：；\/／]+/u)
      .filter(function (w) {
        if (!w || seen.has(w)) return false;
        seen.add(w);
        return true;
      });
  };

  /** `word` (folded) with its kanji words replaced by the readings the index knows, or null. */
  Engine.prototype.reading = function (word) {
    if (!hasKanji(word)) return null;
    var out = "";
    var i = 0;
    while (i < word.length) {
      var found = false;
      for (var len = Math.min(this.maxWord, word.length - i); len > 0; len--) {
        var r = this.vocabulary.get(word.slice(i, i + len));
        if (r !== undefined) {
          out += r;
          i += len;
          found = true;
          break;
        }
      }
      if (!found) {
        if (hasKanji(word[i])) return null;
        out += word[i];
        i += 1;
      }
    }
    return out;
  };

  /** Where `forms` of a word stand in a prepared text: ranges of `shown`, each once. */
  function find(text, forms) {
    var ranges = [];
    var starts = new Set();
    function add(s, e) {
      if (!starts.has(s)) {
        starts.add(s);
        ranges.push([s, e]);
      }
    }
    forms.forEach(function (f) {
      if (!f) return;
      for (var at = text.plain.indexOf(f); at >= 0 && ranges.length < 50; at = text.plain.indexOf(f, at + 1)) add(at, at + f.length);
      if (text.read === text.plain) return;
      for (var r = text.read.indexOf(f); r >= 0 && ranges.length < 50; r = text.read.indexOf(f, r + 1)) add(shownAt(text, r, false), shownAt(text, r + f.length, true));
    });
    return ranges.sort(function (a, b) { return a[0] - b[0]; });
  }

  function bigrams(word) {
    var out = [];
    for (var i = 0; i + 1 < word.length; i++) out.push(word.slice(i, i + 2));
    return out;
  }

  /**
   * The pages that match `query`, best first: { path, title, heading, id, excerpt: [[text,
   * marked?]…], score }.
   */
  Engine.prototype.search = function (query) {
    var self = this;
    var words = this.words(query);
    if (!words.length) return [];
    var pages = this.pages;
    // How rare each pair is: BM25's inverse document frequency over the pages.
    var rarity = new Map();
    function idf(pair) {
      if (!rarity.has(pair)) {
        var df = 0;
        for (var i = 0; i < pages.length; i++) if (pages[i].all.indexOf(pair) >= 0) df++;
        rarity.set(pair, Math.log(1 + (pages.length - df + 0.5) / (df + 0.5)));
      }
      return rarity.get(pair);
    }
    var queries = words.map(function (w) {
      var forms = [w];
      [w].concat(self.widened(w)).forEach(function (form) {
        if (forms.indexOf(form) < 0) forms.push(form);
        var r = self.reading(form);
        if (r && forms.indexOf(r) < 0) forms.push(r);
      });
      return { word: w, forms: forms };
    });
    var phrase = words.length > 1 ? [words.join("")] : null;
    var results = [];
    pages.forEach(function (page) {
      var score = 0;
      var best = null;
      var marks = [];
      for (var q = 0; q < queries.length; q++) {
        var wordScore = 0;
        var wordBest = null;
        page.fields.forEach(function (field) {
          var ranges = find(field.text, queries[q].forms);
          if (!ranges.length) return;
          var w = WEIGHT[field.kind];
          // How much of a title or heading the word fills (as written: 依存症 and いぞんしょう fill 依存症 alike).
          var fill = (ranges[0][1] - ranges[0][0]) / Math.max(1, field.text.shown.length);
          var s = field.kind === "text" ? w + 0.1 * Math.min(ranges.length, 5) : w * (1 + fill);
          marks.push({ field: field, ranges: ranges });
          if (s > wordScore) {
            wordScore = s;
            wordBest = { field: field, range: ranges[0] };
          }
        });
        if (!wordBest) {
          // No exact match: the word's pairs, weighted by rarity, scattered over the page (at
          // least half of the word's weight), a little more where they stand in a title or
          // heading. At most 0.9: below any exact match.
          var shares = queries[q].forms.map(function (form) {
            var pairs = bigrams(form);
            var total = 0;
            pairs.forEach(function (pair) { total += idf(pair); });
            if (!total) return 0;
            var share = function (hay) {
              var found = 0;
              pairs.forEach(function (pair) { if (hay.indexOf(pair) >= 0) found += idf(pair); });
              return found / total;
            };
            var onPage = share(page.all);
            if (onPage < 0.5) return 0;
            var inField = 0;
            page.fields.forEach(function (f) {
              inField = Math.max(inField, WEIGHT[f.kind] * share(f.text.plain + "\n" + f.text.read));
            });
            return 0.5 * onPage + 0.05 * inField;
          });
          wordScore = Math.min(0.9, Math.max.apply(null, shares));
          if (!wordScore) return;
        }
        score += wordScore;
        if (wordBest && (!best || wordScore > best.score)) best = { score: wordScore, field: wordBest.field, range: wordBest.range };
      }
      if (phrase) {
        page.fields.some(function (field) {
          if (find(field.text, phrase).length) {
            score += WEIGHT[field.kind];
            return true;
          }
          return false;
        });
      }
      results.push(self.result(page, score, best, marks));
    });
    return results.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
  };

  /** A result: where to go on the page, and an excerpt with the words found marked. */
  Engine.prototype.result = function (page, score, best, marks) {
    var field = best ? best.field : null;
    var id = "";
    var heading = "";
    var excerptField = null;
    var at = null;
    if (field && (field.kind === "text" || field.kind === "heading")) {
      id = field.id;
      heading = field.kind === "heading" ? field.text.shown : field.heading;
      if (field.kind === "text") {
        excerptField = field;
        at = best.range;
      }
    }
    if (!excerptField) {
      // Found in a heading: the text under it; in the title (or only scattered): the
      // description, else the page's first text.
      excerptField = (field && field.kind === "heading" && page.fields.find(function (f) { return f.kind === "text" && f.section === field.section; })) ||
        page.fields.find(function (f) { return f.kind === "description"; }) ||
        page.fields.find(function (f) { return f.kind === "text"; });
      var own = marks.filter(function (m) { return m.field === excerptField; })[0];
      at = own ? own.ranges[0] : null;
    }
    var excerpt = excerptField ? excerptOf(excerptField, at, marks) : [];
    return { path: page.path, title: page.title, heading: heading, id: id, excerpt: excerpt, score: score, order: page.order };
  };

  /** About 80 characters of a field around `at`, cut into [text, marked] pieces. */
  function excerptOf(field, at, marks) {
    var shown = field.text.shown;
    var before = 30;
    var length = 80;
    var start = at ? Math.max(0, at[0] - before) : 0;
    var end = Math.min(shown.length, start + length);
    if (end - start < length) start = Math.max(0, end - length);
    var ranges = [];
    marks.forEach(function (m) {
      if (m.field !== field) return;
      m.ranges.forEach(function (r) {
        if (r[1] > start && r[0] < end) ranges.push([Math.max(r[0], start), Math.min(r[1], end)]);
      });
    });
    ranges.sort(function (a, b) { return a[0] - b[0]; });
    var pieces = [];
    var pos = start;
    if (start > 0) pieces.push(["…", false]);
    ranges.forEach(function (r) {
      if (r[0] < pos) return;
      if (r[0] > pos) pieces.push([shown.slice(pos, r[0]), false]);
      pieces.push([shown.slice(r[0], r[1]), true]);
      pos = r[1];
    });
    if (pos < end) pieces.push([shown.slice(pos, end), false]);
    if (end < shown.length) pieces.push(["…", false]);
    return pieces.map(function (p) { return [p[0].replace(/\n/g, " "), p[1]]; });
  }

  root.TsunagiSearch = { Engine: Engine, fold: fold };
  if (typeof module === "object" && module.exports) module.exports = root.TsunagiSearch;

  // The search page: runs when the page has the form, the index and a document.
  if (typeof document === "undefined") return;
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var fallback = document.getElementById("search-nojs");
  var crisisBlock = document.getElementById("search-crisis");
  var noneBlock = document.getElementById("search-none");
  if (!form || !input || !status || !list || !root.tsunagiSearchIndex) return;
  var engine = new Engine(root.tsunagiSearchIndex);
  var siteRoot = form.getAttribute("data-root") || "";
  // The words the script writes, in the page's language (the theme's labels, search.js_*):
  // patterns with {name} holes, as data- attributes of the form.
  function say(name, values) {
    var pattern = form.getAttribute("data-" + name) || "";
    return pattern.replace(/\{(\w+)\}/g, function (hole, key) {
      return Object.prototype.hasOwnProperty.call(values || {}, key) ? String(values[key]) : hole;
    });
  }
  var fromFiles = location.protocol === "file:";
  var title = document.title;
  if (fallback) fallback.hidden = true;

  function show(query, announce) {
    var words = engine.words(query);
    list.textContent = "";
    var crisis = words.length > 0 && engine.isCrisis(query);
    if (crisisBlock) crisisBlock.hidden = !crisis;
    if (!words.length) {
      list.hidden = true;
      more.hidden = true;
      if (noneBlock) noneBlock.hidden = true;
      status.textContent = "";
      document.title = title;
      return;
    }
    var results = engine.search(query);
    if (crisis) results = engine.helpFirst(results);
    if (noneBlock) noneBlock.hidden = results.length > 0;
    results.forEach(function (r) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      // Opened from files (no web server), a folder's address shows its listing: go to its page.
      var path = fromFiles && /\/$/.test(r.path) ? r.path + "index.html" : r.path;
      link.href = siteRoot + path + (r.id ? "#" + r.id : "");
      link.textContent = r.title;
      item.appendChild(link);
      if (r.heading) {
        var where = document.createElement("p");
        where.className = "search-results__where";
        where.textContent = say("heading", { heading: r.heading });
        item.appendChild(where);
      }
      if (r.excerpt.length) {
        var p = document.createElement("p");
        r.excerpt.forEach(function (piece) {
          if (piece[1]) {
            var m = document.createElement("mark");
            m.textContent = piece[0];
            p.appendChild(m);
          } else {
            p.appendChild(document.createTextNode(piece[0]));
          }
        });
        item.appendChild(p);
      }
      list.appendChild(item);
    });
    list.hidden = results.length === 0;
    more.hidden = false;
    var widened = engine.widenings(query);
    var also = widened.length ? say("widened", { words: widened.join(say("sep")) }) : "";
    var said = results.length
      ? say("found", { query: query.trim(), count: results.length, also: also })
      : say("none", { query: query.trim(), also: also });
    if (crisis) said += say("crisis");
    if (announce || status.textContent !== said) status.textContent = said;
    document.title = say("title", { query: query.trim(), title: title });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var query = input.value;
    var url = new URL(location.href);
    url.searchParams.set("q", query);
    // A page opened from files may not change its address (Chromium refuses): search all the same.
    try {
      history.replaceState(null, "", url);
    } catch (e) {}
    show(query, true);
  });
  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { show(input.value, false); }, 300);
  });
  var initial = new URL(location.href).searchParams.get("q");
  if (initial) {
    input.value = initial;
    show(initial, true);
  }
})(typeof self !== "undefined" ? self : globalThis);
