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
  // Answer forms: a second click while the first is being sent does nothing.
  document.querySelectorAll("form.answer-form").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (form.dataset.sent) { event.preventDefault(); return; }
      form.dataset.sent = "1";
    });
  });
})();
