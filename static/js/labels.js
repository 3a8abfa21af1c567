// Labels pages: a "select all" box, and the print button (which opens the PDF in a new tab) must not
// block the "mark printed" button of the same form. The pages work without this file.
(function () {
  "use strict";
  document.querySelectorAll(".labels-select-all").forEach(function (all) {
    var form = all.closest("form");
    var boxes = form.querySelectorAll("tbody input[type=checkbox]");
    all.hidden = false;
    all.checked = Array.prototype.every.call(boxes, function (box) { return box.checked; });
    all.addEventListener("change", function () {
      boxes.forEach(function (box) { box.checked = all.checked; });
    });
  });
  document.querySelectorAll("form.labels-queue").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      var button = event.submitter;
      if (button && button.formTarget === "_blank") {
        window.setTimeout(function () { form.dataset.submitted = ""; button.removeAttribute("aria-busy"); }, 0);
      }
    });
  });
})();
