// The rules editor's frequent words: the first words of the word list page are offered
// beside the rules (loaded after the page, so the codebook page stays quick); a word shows
// its KWIC lines below the list (fetched from the KWIC page), and "+" puts the word into the
// rules at the cursor. Without script, the section links to the word list.
(function () {
  "use strict";
  var FREQUENT = 40;
  var panel = document.getElementById("frequent-words");
  var rules = document.getElementById("id_rules");
  if (!panel || !rules) { return; }
  var list = document.getElementById("frequent-list");
  var shown = document.getElementById("rules-kwic");

  function page(url) {
    return fetch(url, { credentials: "same-origin" })
      .then(function (response) { return response.text(); })
      .then(function (html) { return new DOMParser().parseFromString(html, "text/html"); });
  }

  page(panel.getAttribute("data-words")).then(function (words) {
    var rows = words.querySelectorAll("#word-list tbody tr");
    var found = [];
    for (var i = 0; i < rows.length && found.length < FREQUENT; i++) {
      var link = rows[i].querySelector("a");
      var cells = rows[i].querySelectorAll("td");
      if (!link || cells.length < 4) { continue; }
      var word = link.textContent;
      var item = document.createElement("span");
      var a = document.createElement("a");
      a.href = link.getAttribute("href");
      a.textContent = word;
      a.setAttribute("data-word", word);
      var plus = document.createElement("button");
      plus.type = "button";
      plus.className = "secondary insert-word";
      plus.textContent = "＋";
      plus.setAttribute("data-word", word);
      plus.setAttribute("aria-label", panel.getAttribute("data-insert-label").replace("{word}", word));
      item.append(a, "（" + cells[3].textContent + "）", plus, " ");
      found.push(item);
    }
    if (found.length) { list.replaceChildren.apply(list, found); }
  });

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
    page(target.getAttribute("href")).then(function (kwic) {
      var count = kwic.getElementById("kwic-count");
      var table = kwic.getElementById("kwic-lines");
      shown.replaceChildren();
      if (count) { shown.appendChild(document.importNode(count, true)); }
      if (table) { shown.appendChild(document.importNode(table, true)); }
    });
  });
})();
