// Shows on the page what the trackers did, so a visitor sees consent at work.
window.demoTrackerLog = function (category, message) {
  var list = document.getElementById('tracker-log');
  var item = document.createElement('li');
  item.dataset.category = category;
  item.textContent = new Date().toLocaleTimeString() + ' — ' + message;
  if (list) list.appendChild(item);
  console.log('[demo tracker] ' + message);
};
function showCookies() {
  var out = document.getElementById('cookies');
  if (out) out.textContent = document.cookie.split('; ').filter(Boolean).map(function (c) { return c.split('=')[0]; }).join(', ') || '(none)';
}
document.addEventListener('DOMContentLoaded', showCookies);
window.addEventListener('consentkit:change', function () { setTimeout(showCookies, 0); });
window.addEventListener('consentkit:clear', showCookies);
