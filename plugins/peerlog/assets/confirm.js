/* peerlog "Worked for me too": the entry page's form builds a confirmation file in the browser
 * (peerlog/read/confirmations.py) and offers it like the "Write an entry" form does: the
 * hosting service's new-file editor pre-filled, or a download. Nothing leaves the page until
 * that last click. The file comes from the same template and rules as `peerlog confirm`
 * (the form's data-form JSON), through write.js's functions (window.peerlogWrite), so the two
 * can never differ; write.js is loaded first. Text is only ever set with textContent. */
(function () {
  "use strict";

  function init(form, lib) {
    if (form.getAttribute("data-ready")) return;
    form.setAttribute("data-ready", "1");
    var data = JSON.parse(form.getAttribute("data-form"));
    var field = function (name) { return form.querySelector("[name='" + name + "']"); };
    var part = function (name) { return form.querySelector("[data-peerlog-" + name + "]"); };
    var touched = false;
    var blobUrl = null;

    function update() {
      var by = lib.clean(field("by").value);
      var day = lib.today();
      var problem = by ? lib.valueProblem(by, data.rules.max_name, true) :
        "Your name or handle is required: who tried it.";
      var shown = touched && problem;
      var line = document.createElement("span");
      line.className = "peerlog-write__error";
      line.textContent = problem;
      part("message").replaceChildren.apply(part("message"), shown ? [line] : []);
      field("by").setAttribute("aria-invalid", String(!!shown));
      var values = { confirms: data.confirms, by: by, date: day, result: field("result").value,
        note: field("note").value };
      // The end trimmed to one newline, as confirmations.render_confirmation does.
      var text = lib.render(values, data.template, data.rules, false).replace(/\n+$/, "") + "\n";
      // As confirmations.confirmation_path names it: the entry's file name without its date.
      var stem = data.confirms.slice(data.confirms.lastIndexOf("/") + 1)
        .replace(/\.[^.]*$/, "").replace(/^\d{4}-\d{2}-\d{2}-/, "");
      var path = data.folder + "/" + lib.fileName(day, by + " " + stem);
      part("preview").textContent = text;
      blobUrl = lib.offerFile(part, data, text, path, problem ? ["your name or handle"] : [],
        blobUrl);
    }

    form.addEventListener("input", function (event) {
      if (event.target.name === "by") touched = true;
      update();
    });
    form.addEventListener("focusout", function (event) {
      if (event.target.name === "by" && !touched) {
        touched = true;
        update();
      }
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    update();
  }

  var lib = window.peerlogWrite;
  if (!lib) return;
  lib.onEveryPage(function () {
    var form = document.querySelector("[data-peerlog-confirm]");
    if (form) init(form, lib);
  });
})();
