// List screening with progress: the list (a chosen CSV file, or the text box) is sent to the API, which
// answers with one JSON line per progress step and a last line with the screening; the page then shows it.
// Without JavaScript (or a streaming fetch) the form posts normally and the result page follows.
(function () {
  "use strict";
  var form = document.getElementById("screen-list");
  if (!form || !window.fetch || !window.TextDecoder || !window.ReadableStream) { return; }
  var bar = document.getElementById("s-progress");
  var text = document.getElementById("s-progress-text");
  var file = document.getElementById("s-file");
  function fail(message) {
    text.textContent = message;
    text.className = "error";
    form.querySelector("button[type=submit]").disabled = false;
  }
  function handle(line) {
    if (!line.trim()) { return; }
    var m = JSON.parse(line);
    if (m.progress !== undefined) {
      bar.hidden = false;
      bar.max = Math.max(m.of, 1);
      bar.value = m.progress;
      text.textContent = m.progress + " / " + m.of;
    } else if (m.screening) {
      window.location.href = "/screenings/" + m.screening.id;
    } else if (m.error) {
      fail(m.error.detail || m.error.title);
    }
  }
  function send(csv) {
    var purpose = form.querySelector("input[name=purpose]").value;
    var csrf = form.querySelector("input[name=csrf]").value;
    form.querySelector("button[type=submit]").disabled = true;
    fetch(form.dataset.api + "?purpose=" + encodeURIComponent(purpose), {
      method: "POST",
      body: csv,
      credentials: "same-origin",
      headers: { "Content-Type": "text/csv; charset=utf-8", "X-CSRF-Token": csrf }
    }).then(function (res) {
      if (!res.ok) {
        return res.json().then(function (p) {
          var fields = (p.errors || []).map(function (e) { return e.field + ": " + e.message; }).join("; ");
          fail((p.detail || p.title) + (fields ? " — " + fields : ""));
        });
      }
      var reader = res.body.getReader();
      var decoder = new TextDecoder();
      var buffer = "";
      function pump() {
        return reader.read().then(function (chunk) {
          if (chunk.done) { handle(buffer); return; }
          buffer += decoder.decode(chunk.value, { stream: true });
          var lines = buffer.split("\n");
          buffer = lines.pop();
          lines.forEach(handle);
          return pump();
        });
      }
      return pump();
    }).catch(function (e) { fail(String(e)); });
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (file && file.files && file.files.length > 0) {
      var r = new FileReader();
      r.onload = function () { send(r.result); };
      r.readAsText(file.files[0]);
    } else {
      send(form.querySelector("textarea[name=list]").value);
    }
  });
})();
