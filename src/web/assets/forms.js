/* global document, setTimeout */
// Admin forms: the error summary, the voice picker and the routing-rules builder. Served as a file:
// the CSP allows no inline script. Everything here enhances a form that works without it.
(function () {
  'use strict';

  // --- Error summary: focused on load; each link focuses its field.
  function focusField(target) {
    var control = target;
    if (target.tagName === 'FIELDSET') control = target.querySelector('input, select, textarea') || target;
    control.focus();
    var field = target.closest('.field') || target;
    field.scrollIntoView({ block: 'center' });
  }

  function initSummary() {
    var summary = document.getElementById('form-errors');
    if (!summary) return;
    summary.focus();
    summary.addEventListener('click', function (event) {
      var link = event.target.closest('a[href^="#"]');
      if (!link) return;
      var target = document.getElementById(link.getAttribute('href').slice(1));
      if (!target) return;
      event.preventDefault();
      focusField(target);
    });
  }

  // --- Voices: only those of the chosen language.
  function initVoices() {
    var locales = document.querySelectorAll('select[data-voice-filter]');
    Array.prototype.forEach.call(locales, function (locale) {
      var voice = document.getElementById(locale.getAttribute('data-voice-filter'));
      if (!voice) return;
      function filter() {
        Array.prototype.forEach.call(voice.querySelectorAll('optgroup'), function (group) {
          var fits = group.getAttribute('data-group') === locale.value;
          group.hidden = !fits;
          group.disabled = !fits;
        });
        var chosen = voice.options[voice.selectedIndex];
        if (chosen && chosen.parentElement.disabled) voice.value = '';
      }
      locale.addEventListener('change', filter);
      filter();
    });
  }

  // --- Routing rules builder: add, remove, move up and down, in the page.
  function initRules(builder) {
    var list = builder.querySelector('.rule-list');
    var template = builder.querySelector('template[data-rule-template]');
    var status = builder.querySelector('[data-rule-status]');
    if (!list || !template || !status) return;

    function blocks() {
      return Array.prototype.slice.call(list.children);
    }
    function isNew(block) {
      return block.hasAttribute('data-new-rule');
    }
    function rules() {
      return blocks().filter(function (b) {
        return !isNew(b);
      });
    }
    function announce(key, n) {
      status.textContent = '';
      var text = builder.getAttribute('data-announce-' + key).replace('{n}', String(n));
      setTimeout(function () {
        status.textContent = text;
      }, 50);
    }
    function renumberAttr(el, name, i) {
      var value = el.getAttribute(name);
      if (value === null) return;
      el.setAttribute(
        name,
        value
          .replace(/rules\[\d+\]/g, 'rules[' + i + ']')
          .replace(/f-rules-\d+-/g, 'f-rules-' + i + '-')
          .replace(/^(up|down|remove):\d+$/, '$1:' + i),
      );
    }
    function renumber() {
      var all = rules();
      blocks().forEach(function (block, i) {
        block.setAttribute('data-rule', String(i));
        var nodes = block.querySelectorAll('[name], [id], [for], [aria-describedby], button[value]');
        Array.prototype.forEach.call(nodes, function (el) {
          ['name', 'id', 'for', 'aria-describedby', 'value'].forEach(function (a) {
            if (a !== 'value' || el.tagName === 'BUTTON') renumberAttr(el, a, i);
          });
        });
        var label = builder.getAttribute('data-rule-label').replace('{n}', String(i + 1));
        if (!isNew(block)) block.querySelector('legend').textContent = label;
        var tools = block.querySelector('.rule-tools');
        if (tools) tools.setAttribute('aria-label', label);
        var up = block.querySelector('[data-rule-op="up"]');
        var down = block.querySelector('[data-rule-op="down"]');
        if (up) up.disabled = i === 0;
        if (down) down.disabled = i === all.length - 1;
      });
    }
    function syncAction(block) {
      var action = block.querySelector('[data-rule-action]');
      if (!action) return;
      var say = action.value === 'say';
      block.querySelectorAll('.rule-say, .rule-then-menu').forEach(function (field) {
        field.hidden = !say;
      });
    }
    // The same button of the moved block keeps the focus; at the top or bottom, where it is disabled, its opposite.
    function focusOp(block, op) {
      var ops = [op, { up: 'down', down: 'up', remove: 'remove' }[op]];
      for (var k = 0; k < ops.length; k++) {
        var button = block.querySelector('[data-rule-op="' + ops[k] + '"]');
        if (button && !button.disabled) return button.focus();
      }
      var name = block.querySelector('input');
      if (name) name.focus();
    }

    // With the script, rules come from the add button: an empty trailing block is not needed.
    blocks()
      .filter(isNew)
      .forEach(function (block) {
        var used = Array.prototype.some.call(block.querySelectorAll('input, textarea'), function (el) {
          return el.type === 'checkbox'
            ? el.checked && !el.closest('.rule-then-menu')
            : el.value.trim() !== '';
        });
        var chosen = Array.prototype.some.call(block.querySelectorAll('.rule-when select'), function (el) {
          return el.value !== '';
        });
        if (!used && !chosen) block.remove();
      });

    builder.addEventListener('click', function (event) {
      var button = event.target.closest('[data-rule-op]');
      if (!button || !builder.contains(button)) return;
      event.preventDefault();
      var op = button.getAttribute('data-rule-op');
      var block = button.closest('.rule');
      var all = rules();
      if (op === 'add') {
        var fresh = template.content.firstElementChild.cloneNode(true);
        var blank = blocks().filter(isNew)[0];
        list.insertBefore(fresh, blank || null);
        renumber();
        syncAction(fresh);
        fresh.querySelector('input').focus();
        announce('added', rules().indexOf(fresh) + 1);
      } else if (op === 'remove') {
        var at = all.indexOf(block);
        var next = all[at + 1] || all[at - 1];
        block.remove();
        renumber();
        if (next) focusOp(next, 'remove');
        else builder.querySelector('[data-rule-op="add"]').focus();
        announce('removed', rules().length);
      } else if (op === 'up' || op === 'down') {
        var i = all.indexOf(block);
        var j = op === 'up' ? i - 1 : i + 1;
        if (j < 0 || j >= all.length) return;
        if (op === 'up') list.insertBefore(block, all[j]);
        else list.insertBefore(all[j], block);
        renumber();
        focusOp(block, op);
        announce(op, j + 1);
      }
    });
    builder.addEventListener('change', function (event) {
      if (event.target.matches('[data-rule-action]')) syncAction(event.target.closest('.rule'));
    });
    blocks().forEach(syncAction);
  }

  function init() {
    initSummary();
    initVoices();
    Array.prototype.forEach.call(document.querySelectorAll('.rules-builder'), initRules);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
