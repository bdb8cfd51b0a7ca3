/* global document, window */
// Admin forms: the routing-rules builder and the error summary. Served as a file: the CSP allows no inline script.
(function () {
  'use strict';
})();
