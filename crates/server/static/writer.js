// Autosave for the request writer: after a pause in typing, the step's form is saved in the
// background (same URL, same CSRF token, the version read); the page keeps working without it.
(function () {
  "use strict";
  var form = document.getElementById("writer-form");
  var status = document.getElementById("autosave-status");
  if (!form || !status || !window.fetch) { return; }
  var timer = null;
  var dirty = false;
  function save() {
    if (!dirty) { return; }
    dirty = false;
    var data = new URLSearchParams(new FormData(form));
    data.set("go", "stay");
    fetch(form.action, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-Autosave": "1", "Content-Type": "application/x-www-form-urlencoded" }
    }).then(function (res) {
      return res.json().then(function (body) { return { ok: res.ok, body: body }; });
    }).then(function (r) {
      if (r.ok) {
        form.querySelector("input[name=version]").value = r.body.version;
        status.textContent = status.dataset.saved + " " + new Date().toLocaleTimeString();
      } else {
        status.textContent = status.dataset.failed + " " + (r.body.detail || "");
      }
    }).catch(function () { status.textContent = status.dataset.failed; });
  }
  function changed() {
    dirty = true;
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(save, 2500);
  }
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("submit", function () { dirty = false; if (timer) { clearTimeout(timer); } });
})();
