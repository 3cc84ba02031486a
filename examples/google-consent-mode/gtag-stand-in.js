// Stands in for gtag.js (no third-party request in this example): prints what
// it would read from dataLayer, refreshed after each decision.
function showDataLayer() {
  var out = document.getElementById('datalayer');
  if (!out) return;
  out.textContent = (window.dataLayer || []).map(function (entry) {
    var kind = Object.prototype.toString.call(entry) === '[object Arguments]' ? 'gtag' : 'event';
    return kind + ' ' + JSON.stringify(Array.prototype.slice.call(kind === 'gtag' ? entry : [entry]));
  }).join('\n');
}
document.addEventListener('DOMContentLoaded', showDataLayer);
window.addEventListener('consentkit:consent', function () { setTimeout(showDataLayer, 0); });
