// The unpacking screen with a keyboard: number keys pick a category, Enter adds an item without a
// page load (fetch, CSRF header from the form's hidden token). Without this file the same form posts.
(function () {
  "use strict";
  var form = document.querySelector("form[data-quick-add]");
  if (!form || !window.fetch || !window.Boutique) { return; }
  var select = form.querySelector("select[name=category]");
  var quantity = form.querySelector("input[name=quantity]");
  var description = form.querySelector("input[name=description]");
  var addButton = form.querySelector(".add-button");
  var live = form.querySelector("[data-live]");
  var tally = document.querySelector("[data-tally]");
  var total = document.querySelector("[data-total]");
  var recent = document.querySelector("[data-recent]");
  var shortcuts = Array.prototype.slice.call(form.querySelectorAll("button[data-key]"));

  function isTyping(target) {
    return target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA") && target.type !== "checkbox";
  }

  function choose(code) {
    select.value = code;
    shortcuts.forEach(function (b) { b.classList.toggle("is-chosen", b.value === code); });
    live.textContent = select.options[select.selectedIndex] ? select.options[select.selectedIndex].text : "";
    addButton.focus();
  }

  function showCounts(data) {
    total.textContent = data.total;
    Object.keys(data.counts).forEach(function (code) {
      var row = tally.querySelector("tr[data-category='" + code + "']");
      if (!row) {
        row = document.createElement("tr");
        row.setAttribute("data-category", code);
        var name = document.createElement("td");
        var count = document.createElement("td");
        count.className = "num";
        name.textContent = data.items[0].category === code ? data.items[0].category_name : code;
        row.appendChild(name);
        row.appendChild(count);
        tally.appendChild(row);
      }
      row.lastChild.textContent = data.counts[code];
      row.classList.toggle("just-added", data.items[0].category === code);
    });
    data.items.forEach(function (item) {
      var li = document.createElement("li");
      var code = document.createElement("code");
      code.textContent = item.code;
      var text = document.createElement("bdi");
      text.textContent = " " + item.category_name + " " + (item.description || "");
      li.appendChild(code);
      li.appendChild(text);
      recent.insertBefore(li, recent.firstChild);
    });
    while (recent.children.length > 10) { recent.removeChild(recent.lastChild); }
  }

  // One item at a time: a key pressed while the last one is on its way adds nothing twice.
  var send = window.Boutique.entrySender(form, {
    answer: function (ok, data) {
      if (!ok) { live.textContent = data.error ? data.error.message : "?"; return; }
      showCounts(data);
      live.textContent = "+" + data.items.length + " " + data.items[0].category_name + " · " +
        data.items[data.items.length - 1].code;
      if (description) { description.value = ""; }
      if (quantity) { quantity.value = "1"; }
    },
    failed: function () { form.submit(); },  // the network said no: fall back to the plain post
    done: function () { addButton.focus(); }
  });

  function add(shortcut) {
    var body = new FormData(form);
    if (shortcut) { body.set("category", shortcut); }
    send(body);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    event.stopImmediatePropagation();
    var submitter = event.submitter;
    add(submitter && submitter.name === "shortcut" ? submitter.value : null);
  }, true);

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.altKey || event.metaKey || isTyping(event.target)) { return; }
    if (event.key >= "1" && event.key <= "9") {
      var button = shortcuts[Number(event.key) - 1];
      if (button) { event.preventDefault(); choose(button.value); }
    } else if (event.key === "Enter" && event.target === select) {
      event.preventDefault();
      add(null);
    }
  });

  select.addEventListener("change", function () { choose(select.value); });
})();
