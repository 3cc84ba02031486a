// A stand-in advertising pixel: logs visibly that it ran and sets its cookie.
(function () {
  document.cookie = '_demo_fbp=fb.1.' + Date.now() + '; path=/; max-age=' + 60 * 60 * 24 * 90;
  window.demoTrackerLog && window.demoTrackerLog('marketing', 'Marketing pixel ran and set _demo_fbp');
})();
