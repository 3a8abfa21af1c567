// The stock scanners (counts and transfers): a USB scanner types the digits and Enter; each scan is sent
// without a page load, confirmed on screen and listed, and the field is cleared and focused for the next.
// Without this file the same form posts and the page flashes the answer.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-action=print]")) { window.print(); }
  });
  var form = document.querySelector("form[data-stock-scan]");
  if (!form || !window.fetch) { return; }
  var field = form.querySelector("input[name=code]");
  var message = document.getElementById("stock-message");
  var tally = form.querySelector("[data-tally]");
  var tallyWords = form.querySelector("[data-tally-words]");
  var recent = form.querySelector("[data-recent]");
  var token = form.querySelector("input[name=csrf_token]");
  var queue = [];
  var busy = false;

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
  function next() {
    if (busy || !queue.length) { return; }
    busy = true;
    var body = new FormData();
    body.set("csrf_token", token ? token.value : "");
    body.set("code", queue.shift());
    fetch(form.action, {
      method: "POST", body: body, credentials: "same-origin",
      headers: {"Accept": "application/json", "X-CSRFToken": token ? token.value : ""}
    }).then(function (response) {
      return response.json();
    }).then(function (data) {
      show(data.message || (data.error && data.error.message) || "?", data.kind || "error");
      if (data.tally !== null && data.tally !== undefined) {
        tally.textContent = data.tally;
        tallyWords.textContent = data.tally_words;  // the server's words for this number (one, many)
      }
    }).catch(function () {
      show(message.dataset.offline, "error");
    }).then(function () { busy = false; next(); });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    event.stopPropagation();  // not a page load: boutique.js's busy state and double-submit guard do not apply
    var code = field.value.trim();
    field.value = "";
    field.focus();
    if (!code) { return; }
    queue.push(code);
    next();
  });
  field.focus();
})();
