/* global document, window, EventSource */
// Live updates of the message list (server-sent events). Served as a file: the CSP allows no inline script.
(function () {
  'use strict';
  var table = document.querySelector('table.messages');
  if (!table || !window.EventSource) return;
  var tbody = table.querySelector('tbody');
  var banner = document.getElementById('live-banner');
  var status = document.getElementById('live-status');
  var newText = table.getAttribute('data-new-text') || '';
  var insert = table.getAttribute('data-live') === 'insert';

  function rowFrom(html) {
    var t = document.createElement('template');
    t.innerHTML = html.trim();
    return t.content.firstElementChild;
  }

  var source = new EventSource('/events');
  source.addEventListener('message.created', function (e) {
    var data = JSON.parse(e.data);
    if (document.getElementById('m-' + data.id)) return;
    status.textContent = newText + data.who + (data.urgent ? ' (urgent)' : '');
    if (!insert) {
      banner.hidden = false;
      return;
    }
    var row = rowFrom(data.row);
    row.classList.add('is-fresh');
    tbody.insertBefore(row, tbody.firstChild);
    var empty = document.querySelector('p.empty');
    if (empty) empty.remove();
  });
  source.addEventListener('message.updated', function (e) {
    var data = JSON.parse(e.data);
    var old = document.getElementById('m-' + data.id);
    if (old) old.replaceWith(rowFrom(data.row));
  });
  document.documentElement.setAttribute('data-live', 'on');
})();
