/* global document, window, EventSource, fetch, localStorage, Notification */
// The assistants' cockpit: live rows and counts, urgent alerts, keyboard shortcuts, bulk selection.
// Served as a file: the CSP allows no inline script. Everything here is an extra: the pages work without it.
(function () {
  'use strict';
  var settings = document.getElementById('cockpit');
  // On the other signed-in pages (calls, appointments, admin) only the urgent alerts run: an urgent
  // message must not go unnoticed because the assistant is looking at something else.
  if (!settings && !document.querySelector('form[action="/logout"]')) return;
  var data = settings ? settings.dataset : alertsOnly();

  function alertsOnly() {
    var region = document.createElement('div');
    region.id = 'urgent-alerts';
    region.className = 'urgent-alerts';
    region.setAttribute('aria-live', 'assertive');
    var main = document.querySelector('main');
    if (main) main.prepend(region);
    return document.documentElement.lang === 'en'
      ? { textNotification: 'New urgent message', textOpen: 'Open the message', textDismiss: 'Close' }
      : { textNotification: 'Nouveau message urgent', textOpen: 'Ouvrir le message', textDismiss: 'Fermer' };
  }
  var table = document.querySelector('table.messages');
  var tbody = table && table.querySelector('tbody');
  var liveStatus = document.getElementById('live-status');
  var ALERTS_KEY = 'cockpit.alerts';

  function say(text) {
    if (liveStatus) liveStatus.textContent = text;
  }

  // ---- Counts and title ----------------------------------------------------------------------
  function showTitle(urgentOpen) {
    if (!data.titleBase) return;
    document.title = (urgentOpen > 0 ? '(' + urgentOpen + ') ' : '') + data.titleBase;
  }
  var countsTimer = null;
  function refreshCounts() {
    if (!data.countsUrl) return;
    window.clearTimeout(countsTimer);
    countsTimer = window.setTimeout(function () {
      fetch(data.countsUrl, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then(function (r) {
          return r.ok ? r.json() : null;
        })
        .then(function (counts) {
          if (!counts) return;
          document.querySelectorAll('[data-count]').forEach(function (el) {
            var n = counts[el.getAttribute('data-count')];
            if (typeof n === 'number') el.textContent = String(n);
          });
          data.urgentOpen = String(counts.urgentOpen);
          showTitle(counts.urgentOpen);
          document.documentElement.setAttribute('data-counts', 'fresh');
        })
        .catch(function () {});
    }, 250);
  }

  // ---- Urgent alerts: a short tone, a banner, a browser notification when allowed ----------------
  var audio = null;
  function audioContext() {
    var Ctx = window.AudioContext || window.webkitAudioContext;
    if (!Ctx) return null;
    if (!audio) audio = new Ctx();
    if (audio.state === 'suspended') audio.resume().catch(function () {});
    return audio;
  }
  // Browsers let a page sound only after the person has interacted with it: any key or click will do.
  ['pointerdown', 'keydown'].forEach(function (type) {
    document.addEventListener(type, audioContext, { once: true, capture: true });
  });
  function tone() {
    var ctx = audioContext();
    if (!ctx) return;
    [0, 0.22].forEach(function (at) {
      var osc = ctx.createOscillator();
      var gain = ctx.createGain();
      osc.type = 'sine';
      osc.frequency.value = 880;
      gain.gain.setValueAtTime(0.0001, ctx.currentTime + at);
      gain.gain.exponentialRampToValueAtTime(0.25, ctx.currentTime + at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, ctx.currentTime + at + 0.18);
      osc.connect(gain).connect(ctx.destination);
      osc.start(ctx.currentTime + at);
      osc.stop(ctx.currentTime + at + 0.2);
    });
  }
  function alertsWanted() {
    try {
      return localStorage.getItem(ALERTS_KEY) === 'on';
    } catch {
      return false;
    }
  }
  function banner(event) {
    var region = document.getElementById('urgent-alerts');
    if (!region) return;
    var box = document.createElement('div');
    box.className = 'urgent-banner';
    box.setAttribute('role', 'alert');
    var text = document.createElement('strong');
    text.textContent = event.alert;
    var link = document.createElement('a');
    link.href = '/messages/' + encodeURIComponent(event.id);
    link.className = 'button small';
    link.textContent = data.textOpen;
    var close = document.createElement('button');
    close.type = 'button';
    close.className = 'button small subtle';
    close.textContent = data.textDismiss;
    close.addEventListener('click', function () {
      box.remove();
    });
    box.append(text, ' ', link, ' ', close);
    region.prepend(box);
  }
  function notify(event) {
    if (!('Notification' in window) || Notification.permission !== 'granted' || !alertsWanted()) return;
    var n = new Notification(data.textNotification, {
      body: event.alert,
      tag: 'urgent-' + event.id,
      requireInteraction: true,
    });
    n.onclick = function () {
      window.focus();
      window.location.href = '/messages/' + encodeURIComponent(event.id);
      n.close();
    };
  }
  function urgentAlert(event) {
    tone();
    banner(event);
    notify(event);
  }
  var enable = document.getElementById('enable-alerts');
  function showAlertsOn() {
    enable.textContent = data.textAlertsOn;
    enable.setAttribute('aria-pressed', 'true');
  }
  if (enable && 'Notification' in window) {
    enable.hidden = false;
    if (alertsWanted() && Notification.permission === 'granted') showAlertsOn();
    enable.addEventListener('click', function () {
      audioContext();
      Notification.requestPermission().then(function (permission) {
        try {
          localStorage.setItem(ALERTS_KEY, 'on');
        } catch {
          /* private mode: the alerts hold for this page */
        }
        if (permission === 'granted') showAlertsOn();
        else say(data.textDenied);
      });
    });
  }

  // ---- Live rows -------------------------------------------------------------------------------
  function rowFrom(html) {
    var t = document.createElement('template');
    t.innerHTML = html.trim();
    var row = t.content.firstElementChild;
    var back = table && table.getAttribute('data-back');
    if (back)
      row.querySelectorAll('input[name="back"]').forEach(function (input) {
        input.value = back;
      });
    return row;
  }
  function belongs(status) {
    return (table.getAttribute('data-statuses') || '').split(' ').indexOf(status) >= 0;
  }
  function place(event) {
    var mode = table.getAttribute('data-live');
    if (mode === 'none' || !belongs(event.status)) return;
    if (mode === 'banner') {
      document.getElementById('live-banner').hidden = false;
      return;
    }
    var row = rowFrom(event.row);
    row.classList.add('is-fresh');
    if (mode === 'insert') tbody.insertBefore(row, tbody.firstChild);
    else if (event.urgent) {
      // The "to do" queue: urgent first (oldest first among them), so a new urgent one ends their group.
      var urgent = tbody.querySelectorAll('tr.is-urgent');
      var last = urgent[urgent.length - 1];
      tbody.insertBefore(row, last ? last.nextSibling : tbody.firstChild);
    } else if (table.getAttribute('data-has-next') === 'no') tbody.appendChild(row);
    else {
      document.getElementById('live-banner').hidden = false;
      return;
    }
    var empty = document.querySelector('p.empty');
    if (empty) empty.remove();
  }
  function onEvent(type, event) {
    if (table) {
      var old = document.getElementById('m-' + event.id);
      if (type === 'message.created' && !old) {
        say(table.getAttribute('data-new-text') + event.who);
        place(event);
      } else if (old && belongs(event.status)) old.replaceWith(rowFrom(event.row));
      else if (old) old.remove();
    }
    if (type === 'message.created' && event.urgent) urgentAlert(event);
    refreshCounts();
  }
  if (window.EventSource) {
    var source = new EventSource('/events');
    ['message.created', 'message.updated'].forEach(function (type) {
      source.addEventListener(type, function (e) {
        onEvent(type, JSON.parse(e.data));
      });
    });
    source.addEventListener('open', function () {
      document.documentElement.setAttribute('data-live', 'on');
    });
  }

  // ---- Filters: folded on phones, open on wider screens ------------------------------------------
  var fold = document.querySelector('details.filter-fold');
  if (fold && window.matchMedia('(min-width: 721px)').matches) fold.open = true;

  // ---- Bulk selection --------------------------------------------------------------------------
  var all = document.getElementById('select-all');
  var bulkCount = document.getElementById('bulk-count');
  var bulkForm = document.getElementById('bulk');
  function boxes() {
    return tbody ? Array.prototype.slice.call(tbody.querySelectorAll('input[name="ids"]')) : [];
  }
  function showSelection() {
    var ticked = boxes().filter(function (b) {
      return b.checked;
    });
    if (bulkCount)
      bulkCount.textContent = ticked.length
        ? '(' +
          (ticked.length > 1 ? data.textSelectedMany : data.textSelectedOne).replace('{n}', ticked.length) +
          ')'
        : '';
    boxes().forEach(function (b) {
      b.closest('tr').classList.toggle('is-selected', b.checked);
    });
    if (bulkForm) bulkForm.classList.toggle('is-idle', ticked.length === 0);
    if (all) {
      all.checked = ticked.length > 0 && ticked.length === boxes().length;
      all.indeterminate = ticked.length > 0 && ticked.length < boxes().length;
    }
  }
  if (all) {
    all.hidden = false;
    all.addEventListener('change', function () {
      boxes().forEach(function (b) {
        b.checked = all.checked;
      });
      showSelection();
    });
  }
  if (tbody) tbody.addEventListener('change', showSelection);
  showSelection();

  // ---- Keyboard shortcuts ----------------------------------------------------------------------
  var help = document.getElementById('shortcuts-help');
  var helpButton = document.getElementById('show-shortcuts');
  var opener = null;
  function openHelp() {
    if (!help || help.open) return;
    opener = document.activeElement;
    help.showModal(); // modal: the rest of the page is inert (focus stays inside), Esc closes
  }
  if (help) {
    help.addEventListener('close', function () {
      if (opener && opener.focus) opener.focus();
    });
  }
  if (helpButton) {
    helpButton.hidden = false;
    helpButton.addEventListener('click', openHelp);
  }
  var current = -1;
  function rows() {
    return tbody ? Array.prototype.slice.call(tbody.querySelectorAll('tr')) : [];
  }
  function currentRow() {
    var focused =
      document.activeElement && document.activeElement.closest && document.activeElement.closest('tbody tr');
    if (focused) current = rows().indexOf(focused);
    return rows()[current] || null;
  }
  function move(step) {
    var list = rows();
    if (!list.length) return;
    currentRow();
    current = Math.max(0, Math.min(list.length - 1, current + step));
    list.forEach(function (r, i) {
      r.classList.toggle('is-current', i === current);
    });
    var link = list[current].querySelector('a.open-link');
    if (link) link.focus();
  }
  function press(selector) {
    var row = currentRow();
    var button = row ? row.querySelector(selector) : document.querySelector('.actions-card ' + selector);
    if (button) button.click();
  }
  function typing(target) {
    var tag = target && target.tagName;
    return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || (target && target.isContentEditable);
  }
  var pendingG = 0;
  document.addEventListener('keydown', function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented || typing(e.target)) return;
    if (help && help.open) return;
    var key = e.key;
    if (pendingG && Date.now() - pendingG < 1500 && key === 'l') {
      pendingG = 0;
      window.location.href = '/';
      return;
    }
    pendingG = key === 'g' ? Date.now() : 0;
    var row;
    switch (key) {
      case '?':
        openHelp();
        break;
      case 'j':
        move(1);
        break;
      case 'k':
        move(-1);
        break;
      case 'o':
      case 'Enter':
        row = currentRow();
        if (!row || (key === 'Enter' && e.target.closest && e.target.closest('a, button'))) return;
        window.location.href = row.querySelector('a.open-link').href;
        break;
      case 'x':
        row = currentRow();
        if (!row) return;
        row.querySelector('input[name="ids"]').click();
        break;
      case 'e':
        press(tbody ? '[data-quick="handle"]' : '[data-shortcut="e"]');
        break;
      case 't':
        press(tbody ? '[data-quick="claim"]' : '[data-shortcut="t"]');
        break;
      case '/':
        var search = document.getElementById('q');
        if (!search) return;
        if (fold) fold.open = true;
        search.focus();
        break;
      default:
        return;
    }
    e.preventDefault();
  });

  showTitle(Number(data.urgentOpen));
})();
