// The stock scanners (counts and transfers): a USB scanner types the digits and Enter; each scan is sent
// without a page load, confirmed on screen and listed, and the field is cleared and focused for the next.
// Without this file the same form posts and the page flashes the answer.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-action=print]")) { window.print(); }
  });
  var form = document.querySelector("form[data-stock-scan]");
  if (!form || !window.fetch || !window.Boutique) { return; }
  var field = form.querySelector("input[name=code]");
  var message = document.getElementById("stock-message");
  var tally = form.querySelector("[data-tally]");
  var tallyWords = form.querySelector("[data-tally-words]");
  var recent = form.querySelector("[data-recent]");

  function show(text, kind) {
    message.textContent = text;
    message.className = "stock-message is-" + kind;
    var li = document.createElement("li");
    li.textContent = text;
    li.className = "is-" + kind;
    recent.insertBefore(li, recent.firstChild);
    while (recent.children.length > 8) { recent.removeChild(recent.lastChild); }
  }

  // Scans can come faster than answers: they wait in order, so none is lost or sent twice.
  var send = window.Boutique.entrySender(form, {
    queue: true,
    answer: function (ok, data) {
      show(data.message || (data.error && data.error.message) || "?", data.kind || "error");
      if (data.tally !== null && data.tally !== undefined) {
        tally.textContent = data.tally;
        tallyWords.textContent = data.tally_words;  // the server's words for this number (one, many)
      }
    },
    failed: function () { show(message.dataset.offline, "error"); }
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    event.stopPropagation();  // not a page load: boutique.js's busy state and double-submit guard do not apply
    var code = field.value.trim();
    field.value = "";
    field.focus();
    if (!code) { return; }
    var body = new FormData();
    body.set("code", code);
    send(body);
  });
  field.focus();
})();
