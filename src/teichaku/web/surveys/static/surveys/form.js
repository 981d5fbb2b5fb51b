// Progressive enhancement of the respondent's form; the form works without it.
// A second click on a submit button while the first post is under way sends nothing
// (the server's single-use form token would refuse it anyway).
(function () {
  "use strict";
  document.querySelectorAll("form.survey-form").forEach(function (form) {
    var sending = false;
    form.addEventListener("submit", function (event) {
      if (sending) { event.preventDefault(); return; }
      sending = true;
      form.setAttribute("aria-busy", "true");
    });
    window.addEventListener("pageshow", function () { sending = false; });
  });
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
  // An 'other (specify)' text box is filled in: tick its 'other' option.
  document.querySelectorAll("[aria-controls]").forEach(function (option) {
    var text = document.getElementById(option.getAttribute("aria-controls"));
    if (!text) { return; }
    text.addEventListener("input", function () {
      if (text.value.trim() !== "") { option.checked = true; }
    });
  });
})();
