// quizapp's only script: small conveniences. Every page works without it.
(function () {
  "use strict";
  // "Select all" checkbox for bulk actions on questions.
  document.querySelectorAll("[data-select-all]").forEach(function (toggle) {
    toggle.addEventListener("change", function () {
      var form = toggle.closest("form");
      form.querySelectorAll('input[type=checkbox][name="questions"]').forEach(function (box) {
        box.checked = toggle.checked;
      });
    });
  });
  // Long work (importing an article): show that it is in progress and prevent a second submit.
  document.querySelectorAll("form[data-busy-form]").forEach(function (form) {
    form.addEventListener("submit", function () {
      var note = form.querySelector(".busy-note");
      if (note) { note.hidden = false; }
      form.querySelectorAll("button[type=submit]").forEach(function (button) {
        button.disabled = true;
        button.textContent = "Working…";
      });
    });
  });
  // Background work (the language model writing): poll its status and update the progress bar
  // and message in place (announced politely); reload once it has ended. Without the script the
  // page has a Refresh link. Not a meta refresh: a page that reloads itself on a timer moves
  // screen-reader and keyboard users back to the top (WCAG 2.2.1).
  document.querySelectorAll("[data-poll-url]").forEach(function (box) {
    var bar = box.querySelector("progress");
    var label = box.querySelector("[data-poll-message]");
    var seconds = Number(box.dataset.pollSeconds) || 2;
    function poll() {
      fetch(box.dataset.pollUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (status) {
          if (!status) { return; }
          if (!status.running) { window.location.reload(); return; }
          if (bar) { bar.max = status.total_steps || 1; bar.value = status.done_steps; }
          if (label && label.textContent !== status.message) { label.textContent = status.message; }
          window.setTimeout(poll, seconds * 1000);
        })
        .catch(function () { window.setTimeout(poll, seconds * 4000); });
    }
    window.setTimeout(poll, seconds * 1000);
  });
  // After a POST whose result page has a natural address (an import's outcome: the article's
  // questions), show that address, so that a refresh reloads it instead of sending the form again.
  var replacement = document.querySelector("[data-replace-url]");
  if (replacement && window.history && window.history.replaceState) {
    window.history.replaceState(null, "", replacement.dataset.replaceUrl);
  }
  // Answer forms: a second click while the first is being sent does nothing.
  document.querySelectorAll("form.answer-form").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (form.dataset.sent) { event.preventDefault(); return; }
      form.dataset.sent = "1";
    });
  });
})();
