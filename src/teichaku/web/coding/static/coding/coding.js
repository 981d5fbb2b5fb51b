// Coding one answer: number keys toggle codes, Enter saves and moves on.
(function () {
  "use strict";
  var form = document.getElementById("code-form");
  if (!form) { return; }
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var typing = target && (target.tagName === "TEXTAREA" || (target.tagName === "INPUT" && target.type !== "checkbox"));
    if (typing || event.ctrlKey || event.metaKey || event.altKey) { return; }
    if (/^[1-9]$/.test(event.key)) {
      var box = form.querySelector('input[data-key="' + event.key + '"]');
      if (box) {
        box.checked = !box.checked;
        box.focus();
        event.preventDefault();
      }
    } else if (event.key === "Enter") {
      event.preventDefault();
      document.getElementById("save-next").click();
    }
  });
})();
