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
    followSkipLogic(form);
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

  // Skip logic on the page being answered. The server decides (the same rules that check
  // the posted answers): the form is posted to data-visible-url on every change and the
  // questions it names as not asked are hidden. Without this script every question that
  // might be asked is shown, and the server ignores answers to questions not asked.
  function followSkipLogic(form) {
    var url = form.getAttribute("data-visible-url");
    if (!url || !window.fetch || !window.FormData) { return; }
    var sent = 0;
    var timer = null;
    var submitting = false;  // the page is being sent: its form token is about to be used
    function refresh() {
      if (submitting) { return; }
      var number = ++sent;
      fetch(url, {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        headers: { "X-Requested-With": "fetch" }
      }).then(function (response) {
        return response.ok ? response.json() : null;
      }).then(function (answer) {
        if (!answer || number !== sent) { return; }  // a later change has been sent since
        answer.visible.forEach(function (name) { show(name, true); });
        answer.hidden.forEach(function (name) { show(name, false); });
      }).catch(function () { /* leave every question shown: the server still decides */ });
    }
    function show(name, visible) {
      var question = document.getElementById("q-" + name);
      if (question) { question.hidden = !visible; }
    }
    form.addEventListener("submit", function () {
      submitting = true;
      clearTimeout(timer);
    });
    form.addEventListener("change", refresh);
    form.addEventListener("input", function (event) {
      if (event.target.type === "radio" || event.target.type === "checkbox") { return; }
      clearTimeout(timer);
      timer = setTimeout(refresh, 300);
    });
    refresh();
  }
})();
