// The report's tools, shown only where scripts run: the organisation's name typed on the page
// (added to the title on screen and in print; kept in this page only: never sent, never stored),
// and the print button.
(function () {
  'use strict';
  var tools = document.getElementById('report-tools');
  if (!tools) return;
  var input = document.getElementById('org-name');
  var title = document.getElementById('org-title');
  var button = document.getElementById('print');
  var pageTitle = document.title;

  function showName() {
    var name = input.value.replace(/\s+/g, ' ').trim();
    title.textContent = name ? ' · ' + name : '';
    document.title = name ? 'Mon bilan · ' + name + ' · Compagnon ODD 17' : pageTitle;
  }

  input.addEventListener('input', showName);
  // Enter in the field does not submit anything (there is no form): it only confirms the name.
  input.addEventListener('keydown', function (event) {
    if (event.key === 'Enter') input.blur();
  });
  if (typeof window.print === 'function') button.addEventListener('click', function () { window.print(); });
  else button.hidden = true;
  showName();
  tools.hidden = false;
})();
