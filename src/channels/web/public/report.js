// Shows the print button only where printing is available (scripts on), and prints on click.
(function () {
  'use strict';
  var button = document.getElementById('print');
  if (!button || typeof window.print !== 'function') return;
  button.hidden = false;
  button.addEventListener('click', function () { window.print(); });
})();
