// The till's small enhancements: scans and cart changes without page reloads, the code field always
// focused, function keys, live change on the pay page, print buttons. Every page works without it.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function csrf() {
    var till = document.getElementById("till");
    var field = document.querySelector("input[name=csrf_token]");
    return (till && till.dataset.csrf) || (field && field.value) || "";
  }

  // Function keys: any element with data-key="F2" (etc.) is clicked when that key is pressed.
  document.addEventListener("keydown", function (event) {
    var target = document.querySelector('[data-key="' + event.key + '"]');
    if (event.key === "Escape") {
      var code = document.getElementById("code");
      if (code) { event.preventDefault(); code.focus(); return; }
    }
    if (!target || event.altKey || event.ctrlKey || event.metaKey) { return; }
    event.preventDefault();
    if (target.tagName === "SUMMARY") {
      target.parentElement.open = true;
      var first = target.parentElement.querySelector("input, select");
      if (first) { first.focus(); }
    } else {
      target.click();
    }
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-action=print]");
    if (button) { window.print(); }
  });

  var tillRoot = document.getElementById("till");
  var scanForm = document.getElementById("scan-form");
  if (tillRoot && scanForm) { setUpTill(); }
  var pay = document.getElementById("pay");
  if (pay) { setUpPay(pay); }

  function setUpTill() {
    var code = document.getElementById("code");
    var message = document.getElementById("till-message");
    var cart = document.getElementById("cart");
    var cashierForm = document.getElementById("cashier-form");
    var busy = false;

    function show(text, kind) {
      message.textContent = text;
      message.className = "till-message is-" + kind;
    }

    function refocus() {
      window.setTimeout(function () {
        var active = document.activeElement;
        var typing = active && /^(INPUT|SELECT|TEXTAREA|BUTTON|SUMMARY|A)$/.test(active.tagName) && active !== document.body;
        if (!typing) { code.focus(); }
      }, 50);
    }

    function send(form, after) {
      if (busy) { return; }
      busy = true;
      var data = new FormData(form);
      fetch(form.action, {
        method: "POST", body: data, credentials: "same-origin",
        headers: { "Accept": "application/json", "X-CSRFToken": csrf() }
      }).then(function (response) {
        return response.json();
      }).then(function (body) {
        if (body.cart_html !== undefined) { cart.innerHTML = body.cart_html; }
        if (body.kind === "badge") {
          show(body.message, "info");
          cashierForm.hidden = false;
          document.getElementById("cashier-badge").value = body.badge;
          var pin = document.getElementById("cashier-pin");
          pin.value = "";
          pin.focus();
          return;
        }
        if (body.kind === "cashier") {
          cashierForm.hidden = true;
          document.getElementById("till-cashier").textContent = body.cashier;
        }
        show(body.message, body.ok ? "ok" : "error");
        if (after) { after(body); }
        code.focus();
      }).catch(function () {
        show(message.dataset.offline || "No answer from the server. Try again.", "error");
      }).then(function () {
        busy = false;
        form.dataset.submitted = "";
      });
    }

    scanForm.addEventListener("submit", function (event) {
      event.preventDefault();
      event.stopPropagation();
      if (!code.value.trim()) { code.focus(); return; }
      send(scanForm, function () { code.value = ""; });
      code.select();
    });

    // Cart actions and side forms marked data-async: answered in place, the cart re-drawn.
    document.addEventListener("submit", function (event) {
      var form = event.target;
      if (!form.hasAttribute || !form.hasAttribute("data-async")) { return; }
      event.preventDefault();
      event.stopImmediatePropagation();
      if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) { return; }
      send(form, function (body) {
        if (body.ok && form.closest("#manual")) { form.reset(); form.closest("details").open = false; }
      });
    }, true);

    document.addEventListener("click", function (event) {
      if (!event.target.closest("input, select, textarea, button, a, summary, label, details")) { refocus(); }
    });
    code.addEventListener("blur", refocus);
    code.focus();
  }

  function setUpPay(root) {
    var fields = ["cash", "card", "swish"].map(function (name) { return document.getElementById(name); })
      .filter(Boolean);
    var preview = document.getElementById("pay-preview");
    var qr = document.getElementById("swish-qr");
    var timer = null;

    function update() {
      var query = fields.map(function (field) {
        return encodeURIComponent(field.name) + "=" + encodeURIComponent(field.value);
      }).join("&");
      fetch(root.dataset.previewUrl + "?" + query, { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (response) { return response.json(); })
        .then(function (body) {
          preview.textContent = body.message;
          preview.className = "pay-preview " + (body.ok ? "is-ok" : "is-error");
          var swish = document.getElementById("swish");
          if (qr && swish && body.ok && body.swish_ore) {
            qr.src = root.dataset.qrUrl + "?amount=" + body.swish_ore;
          }
        });
    }

    fields.forEach(function (field) {
      field.addEventListener("input", function () {
        window.clearTimeout(timer);
        timer = window.setTimeout(update, 250);
      });
    });
  }
})();
