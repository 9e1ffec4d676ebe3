/* peerlog "Write an entry": builds a journal entry file in the browser, for people who never
 * touch a terminal. Everything happens on the page (the template, the rules and the suggestions
 * come as JSON in the form's data-form attribute): no network until the last click, which opens
 * the hosting service's "new file" editor pre-filled, or downloads the file. The file is
 * rendered from the same template, with the same rules, as `peerlog new`: the text functions
 * below are exact ports of peerlog/text.py and peerlog/scaffold.py, and the tests compare them
 * with Python's output. Contributor text is only ever set with textContent, never as HTML. */
(function () {
  "use strict";

  /* ---- peerlog/text.py: clean, key, slug -------------------------------------------------- */

  var MAX_SLUG = 80;
  var MAX_SLUG_BYTES = 120;
  var INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g;
  // Python's str.isprintable() is false for categories C* and Z* (except the ASCII space).
  var UNPRINTABLE = /[\p{C}\p{Z}]/gu;
  // Python's \s (str.isspace) plus the separators of text._SEPARATORS.
  var SEPARATORS = /[\t\n\v\f\r\x1c-\x1f\x85\p{Z}_\-\u2010-\u2015]+/gu;
  // Python's \w is str.isalnum() or "_": letters and numbers, but no marks.
  var NOT_SLUG = /[^\p{L}\p{N}_-]+/gu;
  // Windows device names, and "index", which MkDocs reads as the folder's own page.
  var RESERVED = ["con", "prn", "aux", "nul", "index"];
  for (var n = 0; n < 10; n++) RESERVED.push("com" + n, "lpt" + n);
  // Where str.casefold() differs from toUpperCase().toLowerCase() of one character.
  var FOLD = { "\u0131": "\u0131", "\u1e9e": "ss" };
  var CHEROKEE_UPPER = /^[\u13a0-\u13f5]$/;

  function clean(text) {
    return String(text).normalize("NFC").replace(INVISIBLE, "").replace(UNPRINTABLE, " ")
      .split(" ").filter(Boolean).join(" ");
  }

  function casefold(text) {
    return Array.from(text, function (ch) {
      if (Object.prototype.hasOwnProperty.call(FOLD, ch)) return FOLD[ch];
      var upper = ch.toUpperCase();
      // casefold() maps Cherokee to its capitals, unlike every other script.
      return CHEROKEE_UPPER.test(upper) ? upper : upper.toLowerCase();
    }).join("");
  }

  function key(name) {
    return casefold(clean(name).normalize("NFKC")).replace(SEPARATORS, "-")
      .replace(/^-+|-+$/g, "");
  }

  // unicodedata.combining(ch) != 0, read off canonical reordering: NFD moves a mark of class
  // c > 1 in front of U+0334 (class 1), and one of class 0 < c < 230 in front of U+0301 (230).
  function combining(ch) {
    return ("a" + ch + "\u0334").normalize("NFD") !== "a" + ch + "\u0334" ||
      ("a\u0301" + ch).normalize("NFD") !== "a\u0301" + ch;
  }

  function slug(name) {
    var k = key(name);
    var plain = Array.from(k.normalize("NFKD")).filter(function (ch) {
      return !combining(ch);
    }).join("");
    var s = Array.from(plain.replace(NOT_SLUG, "-").replace(/-{2,}/g, "-").replace(/^-+|-+$/g, ""))
      .slice(0, MAX_SLUG);
    while (new TextEncoder().encode(s.join("")).length > MAX_SLUG_BYTES) s.pop();
    var out = s.join("").replace(/^-+|-+$/g, "");
    if (!/[\p{L}\p{N}]/u.test(out)) return "x-" + sha1(k).slice(0, 6);
    return RESERVED.indexOf(out) >= 0 ? out + "-" : out;
  }

  // SHA-1 of the UTF-8 bytes, hex; only for the fallback slug, so it need not be fast.
  function sha1(text) {
    var bytes = new TextEncoder().encode(text);
    var blocks = ((bytes.length + 8) >> 6) + 1;
    var words = new Int32Array(blocks * 16);
    for (var i = 0; i < bytes.length; i++) words[i >> 2] |= bytes[i] << (24 - (i & 3) * 8);
    words[bytes.length >> 2] |= 0x80 << (24 - (bytes.length & 3) * 8);
    words[blocks * 16 - 1] = bytes.length * 8;
    var h = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];
    var w = new Int32Array(80);
    function rotl(x, bits) { return (x << bits) | (x >>> (32 - bits)); }
    for (var b = 0; b < words.length; b += 16) {
      var v = h.slice();
      for (var t = 0; t < 80; t++) {
        w[t] = t < 16 ? words[b + t] : rotl(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
        var f = t < 20 ? (v[1] & v[2]) | (~v[1] & v[3]) :
          t < 40 || t >= 60 ? v[1] ^ v[2] ^ v[3] : (v[1] & v[2]) | (v[1] & v[3]) | (v[2] & v[3]);
        var k = t < 20 ? 0x5a827999 : t < 40 ? 0x6ed9eba1 : t < 60 ? 0x8f1bbcdc : 0xca62c1d6;
        var next = (rotl(v[0], 5) + f + v[4] + k + w[t]) | 0;
        v = [next, v[0], rotl(v[1], 30), v[2], v[3]];
      }
      for (var j = 0; j < 5; j++) h[j] = (h[j] + v[j]) | 0;
    }
    return h.map(function (x) { return (x >>> 0).toString(16).padStart(8, "0"); }).join("");
  }

  /* ---- peerlog/scaffold.py: render, line_breaks_kept, file_name, entry_path ------------ */

  var PLACEHOLDER = /\{(\w+)(?:\|([^{}]*))?\}/g;
  var CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g;
  var LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
  var SECTION_START = /(?<=\n)(?=#)/;
  var OWN_LINE = /^(?: {4}|\t| {0,3}#| {0,3}[=*_-][ =*_-]*$)/;
  var STARTS_BLOCK =
    /^(?: {4}|\t| {0,3}(?:[#>]|[-*+](?:[ \t]|$)|[0-9]{1,9}[.)](?:[ \t]|$)|[=*_-][ =*_-]*$|`{3}|~{3}))/;
  var FENCE = /^ {0,3}(`{3,}|~{3,})[ \t]*([^\n]*)/;
  var BLANK = /^[ \t]*$/;
  var HARD_BREAK = "  ";

  function has(object, name) {
    return object !== null && Object.prototype.hasOwnProperty.call(object, name);
  }

  function render(values, template, rules, form) {
    var end = template.indexOf("\n---\n", 3) + 1;
    var front = template.slice(0, end).replace(PLACEHOLDER, function (_, name, fallback) {
      var kind = has(rules.fields, name) ? rules.fields[name].kind : "text";
      return yaml(kind, has(values, name) ? values[name] : null, fallback, rules);
    });
    var body = form ? formBody(template.slice(end), values) :
      template.slice(end).replace(PLACEHOLDER, function (_, name, fallback) {
        return bodyText(has(values, name) ? values[name] : null) || fallback || "";
      });
    return front.split("\n").slice(0, -1).map(function (line) {
      return line.replace(/ +$/, "") + "\n";
    }).join("") + body;
  }

  function formBody(template, values) {
    var kept = template.split(SECTION_START).filter(function (section) {
      var names = Array.from(section.matchAll(PLACEHOLDER), function (m) { return m[1]; });
      return !names.length || names.some(function (name) { return typed(values, name); });
    }).map(function (section) {
      return section.replace(PLACEHOLDER, function (_, name) { return typed(values, name); });
    });
    var body = kept.join("").replace(/\n+$/, "");
    return body ? body + "\n" : "";
  }

  function typed(values, name) {
    return lineBreaksKept(bodyText(has(values, name) ? values[name] : null));
  }

  function lineBreaksKept(text) {
    var lines = text.split("\n");
    var fence = "";
    for (var i = 0; i < lines.length - 1; i++) {
      var line = lines[i], after = lines[i + 1], marker = FENCE.exec(line);
      if (fence) {
        if (marker && marker[1][0] === fence[0] && marker[1].length >= fence.length &&
            !marker[2]) fence = "";
        continue;
      }
      if (marker) {
        fence = marker[1];
        continue;
      }
      if (!(BLANK.test(line) || BLANK.test(after) || line.endsWith(HARD_BREAK) ||
            OWN_LINE.test(line) || STARTS_BLOCK.test(after) || line.indexOf("|") >= 0 ||
            after.indexOf("|") >= 0)) {
        lines[i] = line + HARD_BREAK;
      }
    }
    return lines.join("\n");
  }

  function fileName(day, title) {
    return day + "-" + slug(title) + ".md";
  }

  function entryPath(folder, day, title) {
    return folder.replace(/^\/+|\/+$/g, "") + "/" + day.slice(0, 4) + "/" + fileName(day, title);
  }

  function bodyText(value) {
    if (typeof value !== "string") return "";
    var text = value.replace(/\r\n?/g, "\n").replace(CONTROL, "").replace(LONE_SURROGATE, "\ufffd");
    return text.replace(/^(?:[ \t]*\n)+/, "").replace(/[ \t\n]+$/, "");
  }

  function texts(value) {
    var seen = {};
    var out = [];
    (Array.isArray(value) ? value : []).forEach(function (item) {
      var text = typeof item === "string" ? clean(item) : "";
      if (text && !has(seen, key(text))) {
        seen[key(text)] = true;
        out.push(text);
      }
    });
    return out;
  }

  function attempts(value, rules) {
    var out = [];
    (Array.isArray(value) ? value : []).forEach(function (item) {
      if (item === null || typeof item !== "object" || Array.isArray(item)) return;
      var get = function (name) {
        return has(item, name) && typeof item[name] === "string" ? clean(item[name]) : "";
      };
      var tried = get("tried"), result = get("result"), note = get("note");
      if (!tried) return;
      var attempt = { tried: tried };
      if (rules.results.indexOf(result) >= 0) attempt.result = result;
      if (note) attempt.note = note;
      out.push(attempt);
    });
    return out;
  }

  function yaml(kind, value, fallback, rules) {
    if (kind === "attempts") {
      var lines = [];
      attempts(value, rules).forEach(function (attempt) {
        Object.keys(attempt).forEach(function (name) {
          var indent = name === "tried" ? "  - " : "    ";
          lines.push(indent + name + ": " + JSON.stringify(attempt[name]));
        });
      });
      return lines.map(function (line) { return "\n" + line; }).join("") || fallback || "[]";
    }
    if (kind === "handles" || kind === "sources" || kind === "names") {
      return "[" + texts(value).map(function (t) { return JSON.stringify(t); }).join(", ") + "]";
    }
    var text = typeof value === "string" ? clean(value) : "";
    return text || fallback === undefined ? JSON.stringify(text) : fallback;
  }

  /* ---- Where the finished file goes ------------------------------------------------------- */

  function encodePath(path) {
    return path.split("/").filter(Boolean).map(encodeURIComponent).join("/");
  }

  // The hosting service's "new file" editor, pre-filled; null for hosts without one we know.
  function commitUrl(repoUrl, branch, path, text) {
    var host;
    try { host = new URL(repoUrl).hostname.toLowerCase().split("."); } catch (e) { return null; }
    var base = repoUrl.replace(/\/+$/, "").replace(/\.git$/, "");
    var folder = encodePath(branch) + "/" + encodePath(path.slice(0, path.lastIndexOf("/")));
    var name = encodeURIComponent(path.slice(path.lastIndexOf("/") + 1));
    if (host.indexOf("github") >= 0) {
      return { host: "GitHub", url: base + "/new/" + folder + "?filename=" + name +
        "&value=" + encodeURIComponent(text) };
    }
    if (host.indexOf("gitlab") >= 0) {
      return { host: "GitLab", url: base + "/-/new/" + folder + "?file_name=" + name +
        "&content=" + encodeURIComponent(text) };
    }
    return null;
  }

  /* ---- Checks as you type, with the same rules as `peerlog check` ----------------------- */

  // entries.person_name: a name or handle, of letters, digits, spaces, ".", "-", "_" and
  // apostrophes, with at least one letter.
  var HANDLE = /^(?=.*\p{L})[\p{L}\p{N}_ .'\u2019\-]+$/u;
  var LONG_URL = 8000;

  function length(text) { return Array.from(text).length; }

  function splitList(text) {
    return text.split(",").map(clean).filter(Boolean);
  }

  function isRealDate(y, mo, d) {
    var date = new Date(Date.UTC(2000, mo - 1, d));
    date.setUTCFullYear(y);
    return y >= 1 && date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 &&
      date.getUTCDate() === d;
  }

  /* ---- Dates as people type them ---------------------------------------------------------
   * The form's date box is the browser's date picker, whose value is always YYYY-MM-DD. Where
   * a browser has none, the box takes text, read here: year first (2026-03-02, 2026/3/2), a
   * month by name (2 March 2026, Mar 2, 2026), or day and month in either order when only one
   * order is a real date (13/03/2026). 02/03/2026 is 2 March in most of the world and 3
   * February in the US, so it is refused with both readings shown, never guessed: the file's
   * name and folder come from the date. */

  var MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
    "dec"];
  var MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];
  var YEAR_FIRST = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;
  var YEAR_LAST = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/;
  var DAY_NAME = /^(\d{1,2})(?:st|nd|rd|th)?[ .]+([a-z]{3,9})\.?,? +(\d{4})$/;
  var NAME_DAY = /^([a-z]{3,9})\.? +(\d{1,2})(?:st|nd|rd|th)?,? +(\d{4})$/;

  function pad(x) { return String(x).padStart(2, "0"); }

  function iso(y, mo, d) { return String(y).padStart(4, "0") + "-" + pad(mo) + "-" + pad(d); }

  function monthOf(name) {
    var m = MONTHS.indexOf(name.slice(0, 3));
    var full = m < 0 ? "" : MONTH_NAMES[m].toLowerCase();
    return m >= 0 && full.indexOf(name) === 0 ? m + 1 : 0;
  }

  function spoken(mo, d) { return d + " " + MONTH_NAMES[mo - 1]; }

  // {iso: "2026-03-02"} or {error: "what to do"}; the error quotes what was typed.
  function parseDate(text) {
    var typed = clean(text), t = typed.toLowerCase(), m, y = 0, mo = 0, d = 0;
    if (!t) return { error: "A date is required: the day it happened." };
    if ((m = YEAR_FIRST.exec(t))) {
      y = +m[1]; mo = +m[2]; d = +m[3];
    } else if ((m = DAY_NAME.exec(t))) {
      y = +m[3]; mo = monthOf(m[2]); d = +m[1];
    } else if ((m = NAME_DAY.exec(t))) {
      y = +m[3]; mo = monthOf(m[1]); d = +m[2];
    } else if ((m = YEAR_LAST.exec(t))) {
      var a = +m[1], b = +m[2];
      y = +m[3];
      var dayFirst = isRealDate(y, b, a), monthFirst = isRealDate(y, a, b);
      if (dayFirst && monthFirst && a !== b) {
        return { error: "'" + typed + "' could be " + spoken(b, a) + " or " + spoken(a, b) +
          " " + y + ": write " + iso(y, b, a) + " or " + iso(y, a, b) + " (year-month-day)." };
      }
      if (dayFirst) { mo = b; d = a; } else { mo = a; d = b; }
    }
    if (!mo) {
      return { error: "'" + typed + "' is not a date: write it as year-month-day, e.g. " +
        "2026-03-02." };
    }
    if (!isRealDate(y, mo, d)) {
      return { error: "'" + typed + "' is not a real day: check the day and the month." };
    }
    return { iso: iso(y, mo, d) };
  }

  // The date box: the browser's date picker where there is one, else text. A picker's value
  // is read like text too: it may hold a five-digit year, which no journal file name takes.
  function readDate(input) {
    if (input.type !== "date" || input.value) return parseDate(input.value);
    return { error: input.validity.badInput ?
      "That is not a whole date yet: pick the day, the month and the year." :
      "A date is required: pick the day it happened." };
  }

  // Similarity of two keys, 0..1, from their edit distance: enough for "did you mean".
  function similarity(a, b) {
    var prev = [], cur = [];
    for (var j = 0; j <= b.length; j++) prev[j] = j;
    for (var i = 1; i <= a.length; i++) {
      cur = [i];
      for (j = 1; j <= b.length; j++) {
        var change = a[i - 1] === b[j - 1] ? 0 : 1;
        cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + change);
      }
      prev = cur;
    }
    return 1 - prev[b.length] / Math.max(a.length, b.length, 1);
  }

  // Names with their keys, worked out once: the checks and suggestions run on every keystroke.
  function withKeys(names) {
    return names.map(function (name) { return { name: name, key: key(name) }; });
  }

  function closest(name, known) {
    var k = key(name), best = null, score = 0.75;
    known.forEach(function (candidate) {
      var s = similarity(k, candidate.key);
      if (s >= score) { best = candidate.name; score = s; }
    });
    return best;
  }

  function isKnown(name, known) {
    var k = key(name);
    return known.some(function (candidate) { return candidate.key === k; });
  }

  // What is wrong with one value of a list field, "" when nothing: the length cap, and for
  // people (`handles`, also the confirmation form's) entries.person_name's rule.
  function valueProblem(value, maxName, handles) {
    if (length(value) > maxName) {
      return "'" + value.slice(0, 40) + "' is longer than " + maxName + " characters.";
    }
    if (handles && !HANDLE.test(value)) {
      return value.indexOf("@") >= 0 ? "Use a name or handle, not an e-mail address." :
        "'" + value + "' is not a name or handle: use letters, digits, spaces, '.', '-', '_' " +
        "or apostrophes, like Alice Martin or alice.";
    }
    return !handles && !key(value) ? "'" + value + "' has no letters or digits." : "";
  }

  // entries.FieldReader.teachers: "self" alone, or "kind: title" with a known kind (the title
  // has its own, longer cap).
  function isSource(value, rules) {
    var colon = value.indexOf(":");
    if (colon < 0) return rules.self_words.indexOf(key(value)) >= 0;
    return rules.source_kinds.indexOf(key(value.slice(0, colon))) >= 0 &&
      length(clean(value.slice(colon + 1))) <= rules.max_title;
  }

  // field name -> [{level: "error" | "warning", text}]; errors block the file, warnings do not.
  function check(values, rules, pools) {
    var found = {};
    function say(name, level, text) {
      (found[name] = found[name] || []).push({ level: level, text: text });
    }
    var title = clean(values.title);
    if (!title) {
      say("title", "error", "A title is required: what you tried to do, in a few words.");
    }
    if (length(title) > rules.max_title) {
      say("title", "error", "The title is " + length(title) + " characters long; keep it under " +
        rules.max_title + " and put the details in the notes.");
    }
    if (values.dateError) say("date", "error", values.dateError);
    ["author", "pair", "learned_from", "tags", "tools"].forEach(function (name) {
      var kind = rules.fields[name].kind;
      var handles = kind === "handles" || kind === "sources";
      if (values[name].length > rules.max_items) {
        say(name, "error", "At most " + rules.max_items + " here, please.");
      }
      values[name].forEach(function (value) {
        var problem = kind === "sources" && isSource(value, rules) ? "" :
          valueProblem(value, rules.max_name, handles);
        if (problem) say(name, "error", problem);
      });
    });
    values.tags.forEach(function (tag) {
      var like = isKnown(tag, pools.tags) ? null : closest(tag, pools.tags);
      if (like) say("tags", "warning", "'" + tag + "' is a new tag; did you mean '" + like + "'?");
    });
    var problem = clean(values.problem);
    if (problem.indexOf(",") >= 0) {
      say("problem", "error", "One problem type only: a comma would make it two.");
    } else if (length(problem) > rules.max_name) {
      say("problem", "error", "Keep the problem type under " + rules.max_name + " characters.");
    } else if (problem && !key(problem)) {
      say("problem", "error", "The problem type has no letters or digits.");
    } else if (problem && !isKnown(problem, pools.problems)) {
      var guess = closest(problem, pools.problems);
      say("problem", "warning", "'" + problem + "' is a new problem type" + (guess ?
        "; did you mean '" + guess + "'?" : ": fine, if none of the suggestions fits."));
    }
    if (values.attempts.length > rules.max_attempts) {
      say("attempts", "error", "At most " + rules.max_attempts + " attempts; keep the best ones.");
    }
    values.attempts.forEach(function (attempt, index) {
      var tried = clean(attempt.tried);
      if (length(tried) > rules.max_title) {
        say("attempt-" + index, "error", "Keep 'tried' under " + rules.max_title +
          " characters; put the rest in the note.");
      } else if (!tried && (clean(attempt.note) || attempt.result)) {
        say("attempt-" + index, "warning", "Say what you tried, or this attempt is left out.");
      }
    });
    return found;
  }

  /* ---- Offering the finished file ---------------------------------------------------------
   * Shared with the entry pages' "Worked for me too" form (confirm.js): `part(name)` finds a
   * form's [data-peerlog-<name>] elements (path, where, nowhere, commit, download, status). The
   * host's new-file editor opens pre-filled when the repository is on one we know; the download
   * always works. Returns the download's object URL, which the next call revokes. */

  function offerFile(part, data, text, path, blocked, oldUrl) {
    var commit = part("commit"), download = part("download"), status = part("status");
    var where = part("where"), nowhere = part("nowhere");
    part("path").textContent = path;
    if (where) where.hidden = !path;
    if (nowhere) nowhere.hidden = !!path;
    if (oldUrl) URL.revokeObjectURL(oldUrl);
    [commit, download].forEach(function (link) {
      link.removeAttribute("href");
      link.setAttribute("aria-disabled", "true");
    });
    var target = data.repo_url ? commitUrl(data.repo_url, data.branch, path, text) : null;
    commit.hidden = !target;
    if (target) commit.textContent = "Commit it on " + target.host;
    if (blocked.length) {
      status.textContent = "Before the file can be saved, fix: " + blocked.join(", ") + ".";
      return null;
    }
    var blobUrl = URL.createObjectURL(new Blob([text], { type: "text/markdown;charset=utf-8" }));
    download.href = blobUrl;
    download.download = path.slice(path.lastIndexOf("/") + 1);
    download.removeAttribute("aria-disabled");
    if (target) {
      commit.href = target.url;
      commit.removeAttribute("aria-disabled");
      status.textContent = target.host + " opens with this file at " + path +
        ": propose it on a new branch and open a pull request." +
        (target.url.length > LONG_URL ? " The entry is long; if " + target.host +
          " refuses the address, download the file and upload it there instead." : "");
    } else {
      status.textContent = "Download the file and add it to the repository as " + path +
        ", or send it to whoever looks after the journal.";
    }
    return blobUrl;
  }

  /* ---- The form --------------------------------------------------------------------------- */

  var LISTS = ["author", "tags", "tools", "pair", "learned_from"];
  var TEXTS = ["title", "problem", "outcome", "goal", "notes", "advice"];
  var MAX_SUGGESTIONS = 8;

  function today() {
    var now = new Date();
    return iso(now.getFullYear(), now.getMonth() + 1, now.getDate());
  }

  function init(form) {
    if (form.getAttribute("data-ready")) return;
    form.setAttribute("data-ready", "1");
    var data = JSON.parse(form.getAttribute("data-form"));
    var pools = { tags: withKeys(data.tags), problems: withKeys(data.problems),
      people: withKeys(data.people), tools: withKeys(data.tools) };
    var field = function (name) { return form.querySelector("[name='" + name + "']"); };
    var part = function (name) { return form.querySelector("[data-peerlog-" + name + "]"); };
    var rows = part("attempts");
    var rowTemplate = part("attempt-row");
    var touched = {};
    var blobUrl = null;

    function addRow() {
      rows.appendChild(rowTemplate.content.firstElementChild.cloneNode(true));
    }

    function read() {
      var values = {};
      TEXTS.forEach(function (name) { values[name] = field(name).value; });
      LISTS.forEach(function (name) { values[name] = splitList(field(name).value); });
      var date = readDate(field("date"));
      values.date = date.iso || "";
      values.dateError = date.error || "";
      values.attempts = Array.from(rows.children).map(function (row) {
        var get = function (name) {
          return row.querySelector("[data-attempt='" + name + "']").value;
        };
        return { tried: get("tried"), result: get("result"), note: get("note") };
      });
      return values;
    }

    function showMessages(found) {
      Array.from(rows.children).forEach(function (row, index) {
        var box = row.querySelector("[data-message-for]");
        box.setAttribute("data-message-for", "attempt-" + index);
      });
      form.querySelectorAll("[data-message-for]").forEach(function (box) {
        var name = box.getAttribute("data-message-for");
        var shown = touched[name] || name.indexOf("attempt") === 0 ? found[name] || [] : [];
        box.replaceChildren.apply(box, shown.map(function (message) {
          var line = document.createElement("span");
          line.className = "peerlog-write__" + message.level;
          line.textContent = message.text;
          return line;
        }));
        var input = field(name);
        var invalid = shown.some(function (m) { return m.level === "error"; });
        if (input) input.setAttribute("aria-invalid", String(invalid));
      });
    }

    function showSuggestions() {
      form.querySelectorAll("[data-suggest]").forEach(function (box) {
        var input = field(box.getAttribute("data-suggest-for"));
        var multi = LISTS.indexOf(input.name) >= 0;
        var parts = multi ? input.value.split(",") : [input.value];
        var typed = key(parts[parts.length - 1]);
        var chosen = parts.map(key);
        var pool = pools[box.getAttribute("data-suggest")].filter(function (known) {
          return chosen.indexOf(known.key) < 0 && known.key.indexOf(typed) >= 0;
        });
        // Names that start with what was typed first; the pools come most used first.
        pool.sort(function (a, b) {
          return (a.key.indexOf(typed) !== 0) - (b.key.indexOf(typed) !== 0);
        });
        box.replaceChildren.apply(box, pool.slice(0, MAX_SUGGESTIONS).map(function (known) {
          var button = document.createElement("button");
          button.type = "button";
          button.className = "peerlog-write__suggestion";
          button.setAttribute("data-value", known.name);
          button.textContent = known.name;
          return button;
        }));
      });
    }

    function pick(button) {
      var box = button.parentNode;
      var input = field(box.getAttribute("data-suggest-for"));
      var value = button.getAttribute("data-value");
      if (LISTS.indexOf(input.name) >= 0) {
        var parts = input.value.split(",").map(function (p) { return p.trim(); });
        parts[parts.length - 1] = value;
        input.value = parts.filter(Boolean).join(", ") + ", ";
      } else {
        input.value = value;
      }
      touched[input.name] = true;
      input.focus();
    }

    function update() {
      var values = read();
      var found = check(values, data.rules, pools);
      showMessages(found);
      showSuggestions();
      var text = render(values, data.template, data.rules, true);
      // No path from a date that did not parse: it would promise a file that is never written.
      var path = values.date ? entryPath(data.journals, values.date, values.title) : "";
      part("preview").textContent = text;
      var blocked = Object.keys(found).filter(function (name) {
        return found[name].some(function (m) { return m.level === "error"; });
      }).map(function (name) {
        var owner = name.replace(/^attempt-\d+$/, "attempts");
        return form.querySelector("[data-field='" + owner + "']").getAttribute("data-label");
      });
      blobUrl = offerFile(part, data, text, path, blocked.filter(function (name, i) {
        return blocked.indexOf(name) === i;
      }), blobUrl);
    }

    form.addEventListener("input", function (event) {
      if (event.target.name) touched[event.target.name] = true;
      update();
    });
    form.addEventListener("focusout", function (event) {
      if (event.target.name && !touched[event.target.name]) {
        touched[event.target.name] = true;
        update();
      }
    });
    form.addEventListener("click", function (event) {
      var target = event.target.closest("button");
      if (!target) return;
      if (target.hasAttribute("data-peerlog-add-attempt")) {
        addRow();
        rows.lastElementChild.querySelector("input").focus();
      } else if (target.hasAttribute("data-peerlog-remove-attempt")) {
        target.closest("li").remove();
      } else if (target.hasAttribute("data-value")) {
        pick(target);
      } else {
        return;
      }
      update();
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    if (!field("date").value) field("date").value = today();
    addRow();
    form.hidden = false;
    update();
  }

  function start() {
    var form = document.querySelector("[data-peerlog-write]");
    if (form) init(form);
  }

  // The same functions as peerlog.text and peerlog.scaffold, for the tests that compare them.
  // confirm.js builds its file with them too, and offers it with offerFile.
  window.peerlogWrite = {
    clean: clean, key: key, slug: slug, render: render, lineBreaksKept: lineBreaksKept,
    parseDate: parseDate, fileName: fileName, entryPath: entryPath, commitUrl: commitUrl,
    offerFile: offerFile, valueProblem: valueProblem, today: today, onEveryPage: onEveryPage
  };

  // Run `start` on every page shown: with Material's instant navigation, each time it swaps
  // the page in; otherwise once the page is parsed.
  function onEveryPage(start) {
    if (window.document$ && window.document$.subscribe) {
      window.document$.subscribe(start);
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", start);
    } else {
      start();
    }
  }

  onEveryPage(start);
})();
