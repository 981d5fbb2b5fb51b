// The rules editor's frequent words: a word shows its KWIC lines below the list (fetched
// from the KWIC page), and "+" puts the word into the rules at the cursor.
(function () {
  "use strict";
  var panel = document.getElementById("frequent-words");
  var rules = document.getElementById("id_rules");
  if (!panel || !rules) { return; }
  var shown = document.getElementById("rules-kwic");
  panel.addEventListener("click", function (event) {
    var target = event.target;
    var word = target && target.getAttribute("data-word");
    if (!word) { return; }
    event.preventDefault();
    if (target.classList.contains("insert-word")) {
      var start = rules.selectionStart, end = rules.selectionEnd, text = rules.value;
      rules.value = text.slice(0, start) + word + text.slice(end);
      rules.focus();
      rules.selectionStart = rules.selectionEnd = start + word.length;
      return;
    }
    fetch(target.getAttribute("href"), { credentials: "same-origin" })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        var table = page.getElementById("kwic-lines");
        var count = page.getElementById("kwic-count");
        shown.replaceChildren();
        if (count) { shown.appendChild(document.importNode(count, true)); }
        if (table) { shown.appendChild(document.importNode(table, true)); }
      });
  });
})();
