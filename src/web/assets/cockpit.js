/* global document, window */
// The assistants' cockpit: live counts, urgent alerts, keyboard shortcuts, quick and bulk actions.
(function () {
  'use strict';
})();
