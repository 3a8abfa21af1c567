// The till's small enhancements: scans and cart changes without page reloads, the code field always
// focused, the one key map (boutique/sales/keys.py), live change on the pay page, print buttons.
// Every page works without it.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function csrf() {
    var till = document.getElementById("till");
    var field = document.querySelector("input[name=csrf_token]");
    return (till && till.dataset.csrf) || (field && field.value) || "";
  }

  function shown(element) {
    return element.getClientRects().length > 0 && !element.closest("[hidden]");
  }

  // The element on this screen that a key presses (data-key="F2" …), if one is shown.
  function pressable(key) {
    var marked = document.querySelectorAll('[data-key="' + key + '"]');
    for (var i = 0; i < marked.length; i++) {
      if (shown(marked[i])) { return marked[i]; }
    }
    return null;
  }

  function press(target) {
    if (target.tagName === "SUMMARY") {
      var details = target.parentElement;
      details.open = true;
      var first = details.querySelector("input:not([type=hidden]), select, textarea");
      if (first) { first.focus(); }
    } else {
      target.click();
    }
  }

  // Esc on the till closes what is open and goes back to the code field; on every other till screen
  // it goes back, wherever the cursor is (the pay screen opens with it in the cash field).
  function escape() {
    var code = document.getElementById("code");
    if (code) {
      document.querySelectorAll("#till details[open]").forEach(function (open) { open.open = false; });
      code.focus();
      return true;
    }
    var back = pressable("Escape");
    if (back) { back.click(); return true; }
    return false;
  }

  // Listening while the event goes down (capture), so no field on the way can keep a key to itself.
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.isComposing) { return; }
    if (event.key === "Escape") {
      if (escape()) { event.preventDefault(); }
      return;
    }
    var target = pressable(event.key);
    if (!target) { return; }
    event.preventDefault();
    press(target);
  }, true);

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
    var total = document.getElementById("register-total");
    var cashierForm = document.getElementById("cashier-form");
    var tones = { added: "ok", warning: "warn", cashier: "ok", badge: "info", voucher: "info", error: "error" };
    var queue = Promise.resolve();

    function show(text, tone) {
      message.textContent = text;
      message.className = "till-message is-" + tone;
    }

    function showLatest() {
      cart.scrollTop = cart.scrollHeight;  // the newest line is the last one
    }

    function refocus() {
      window.setTimeout(function () {
        var active = document.activeElement;
        var typing = active && /^(INPUT|SELECT|TEXTAREA|BUTTON|SUMMARY|A)$/.test(active.tagName) && active !== document.body;
        if (!typing) { code.focus(); }
      }, 50);
    }

    function answered(body, after) {
      if (body.cart_html !== undefined) { cart.innerHTML = body.cart_html; }
      if (body.total_html !== undefined) { total.innerHTML = body.total_html; }
      if (body.kind === "badge") {
        show(body.message, "info");
        cashierForm.hidden = false;
        document.getElementById("cashier-badge").value = body.badge;
        var pin = document.getElementById("cashier-pin");
        pin.value = "";
        pin.focus();
        return;
      }
      if (body.kind === "cashier" && body.reload) {  // the new cashier speaks another language
        window.location.reload();
        return;
      }
      if (body.ok && body.kind === "voucher" && body.target) {  // a gift voucher scanned: pay with it
        window.location.assign(body.target);
        return;
      }
      if (body.kind === "cashier") {
        cashierForm.hidden = true;
        document.getElementById("till-cashier").textContent = body.cashier;
      }
      show(body.message, body.ok ? (tones[body.kind] || "ok") : "error");
      if (body.ok && (body.kind === "added" || body.kind === "warning")) { showLatest(); }
      if (after) { after(body); }
      code.focus();
    }

    // One request at a time, in the order sent: a scanner faster than the server loses no scan.
    function send(form, after) {
      var data = new FormData(form);
      queue = queue.then(function () {
        return fetch(form.action, {
          method: "POST", body: data, credentials: "same-origin",
          headers: { "Accept": "application/json", "X-CSRFToken": csrf() }
        }).then(function (response) {
          return response.json();
        }).then(function (body) {
          answered(body, after);
        }).catch(function () {
          show(message.dataset.offline || "No answer from the server. Try again.", "error");
        }).then(function () {
          form.dataset.submitted = "";
        });
      });
    }

    scanForm.addEventListener("submit", function (event) {
      event.preventDefault();
      event.stopPropagation();
      var sent = code.value.trim();
      if (!sent) { code.focus(); return; }
      // The field is cleared once answered, unless the scanner has typed the next code into it meanwhile.
      send(scanForm, function () { if (code.value.trim() === sent) { code.value = ""; } });
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
        if (body.ok && form.closest("#manual, #voucher")) { form.reset(); form.closest("details").open = false; }
      });
    }, true);

    document.addEventListener("click", function (event) {
      if (!event.target.closest("input, select, textarea, button, a, summary, label, details")) { refocus(); }
    });
    // A line's discount opened: its form in sight in the cart's area, the cursor in "how much".
    cart.addEventListener("toggle", function (event) {
      var details = event.target;
      if (!details.open || !details.classList.contains("discount")) { return; }
      details.scrollIntoView({ block: "nearest" });
      var value = details.querySelector("input[name=discount-value]");
      if (value) { value.focus({ preventScroll: true }); }
    }, true);
    code.addEventListener("blur", refocus);
    showLatest();
    code.focus();
  }

  function setUpPay(root) {
    var fields = ["cash", "card", "swish", "voucher"].map(function (name) { return document.getElementById(name); })
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
