// A stand-in analytics tag: logs visibly that it ran and sets its cookies.
(function () {
  var id = Math.random().toString(36).slice(2, 10);
  document.cookie = '_demo_ga=GA1.1.' + id + '; path=/; max-age=' + 60 * 60 * 24 * 395;
  document.cookie = '_demo_ga_WEBINAR=GS1.1.' + id + '; path=/; max-age=' + 60 * 60 * 24 * 395;
  window.demoTrackerLog && window.demoTrackerLog('analytics', 'Analytics tracker ran and set _demo_ga, _demo_ga_WEBINAR');
})();
