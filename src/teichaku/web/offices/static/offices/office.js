// The office pages' small behaviours (no inline scripts: the CSP forbids them).
document.addEventListener("DOMContentLoaded", function () {
  // The print button of the print pages.
  var button = document.getElementById("print-button");
  if (button) {
    button.addEventListener("click", function () { window.print(); });
  }
  // Phone cards: a cell without its column's name gets it from the table's header, so that
  // office.css can show "name: value" when a row becomes a card.
  document.querySelectorAll("main table").forEach(function (table) {
    var head = table.querySelector("thead tr");
    if (!head) { return; }
    var names = [];
    head.querySelectorAll("th, td").forEach(function (cell) {
      for (var i = 0; i < (cell.colSpan || 1); i += 1) { names.push(cell.textContent.trim()); }
    });
    table.querySelectorAll("tbody tr").forEach(function (row) {
      var column = 0;
      row.querySelectorAll("th, td").forEach(function (cell) {
        if (!cell.hasAttribute("data-label") && names[column] && cell.colSpan === 1) {
          cell.setAttribute("data-label", names[column]);
        }
        column += cell.colSpan || 1;
      });
    });
  });
});
