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
})();
