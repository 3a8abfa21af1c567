// Small, local progressive enhancements. Every page works without this file.
(function () {
  "use strict";
  // Show a busy state on submit and stop double submits of the same form.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.dataset.submitted === "1") { event.preventDefault(); return; }
    form.dataset.submitted = "1";
    var button = event.submitter || form.querySelector("[type=submit]");
    if (button) { button.setAttribute("aria-busy", "true"); }
    window.setTimeout(function () { form.dataset.submitted = ""; if (button) { button.removeAttribute("aria-busy"); } }, 8000);
  });

  // The scanning and quick-entry screens (stock's scanners, unpacking): each entry of a form is posted
  // without a page load and answered in JSON (the CSRF token from the form's hidden field). One entry is
  // on its way at a time: the next ones wait their turn (options.queue: a scanner types faster than the
  // server answers, and no scan may be lost or sent twice) or are ignored while it is busy.
  // options.answer(ok, data) shows the answer; options.failed() when the network said no;
  // options.done() after either. Returns send(body), body a FormData.
  function entrySender(form, options) {
    var token = form.querySelector("input[name=csrf_token]");
    var waiting = [];
    var busy = false;

    function next() {
      if (busy || !waiting.length) { return; }
      busy = true;
      var body = waiting.shift();
      body.set("csrf_token", token ? token.value : "");
      fetch(form.action, {
        method: "POST", body: body, credentials: "same-origin",
        headers: {"Accept": "application/json", "X-CSRFToken": token ? token.value : ""}
      }).then(function (response) {
        return response.json().then(function (data) { options.answer(response.ok, data); });
      }).catch(function () {
        options.failed();
      }).then(function () {
        busy = false;
        if (options.done) { options.done(); }
        next();
      });
    }

    return function send(body) {
      if (busy && !options.queue) { return; }
      waiting.push(body);
      next();
    };
  }

  window.Boutique = {entrySender: entrySender};
})();
