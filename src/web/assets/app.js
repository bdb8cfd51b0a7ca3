/* global document */
// Shared page behaviour. The message list's live updates moved to cockpit.js.
(function () {
  'use strict';
  if (!document.body) return;
})();
