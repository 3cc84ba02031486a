// "My consent records": reads this subject's receipts from the ledger
// (consentkit.access()), exports them, and erases them (consentkit.erase()).
(function () {
  var ck = window.consentkit;
  var body = document.getElementById('records');
  var status = document.getElementById('records-status');
  var last = null;

  function cell(row, text) {
    var td = document.createElement('td');
    td.textContent = text;
    row.appendChild(td);
  }

  /** The notice a receipt was given under, as the ledger archived it: each layer's texts, in reading order. */
  function notice(row, records, r) {
    var td = document.createElement('td');
    var shown = records.notices && records.notices[r.shownHash];
    if (!shown) {
      td.textContent = 'Not archived (' + r.shownHash + ')';
      return row.appendChild(td);
    }
    var details = document.createElement('details');
    var summary = document.createElement('summary');
    summary.textContent = 'Banner and preferences (' + shown.language + ')';
    details.appendChild(summary);
    var banner = shown.banner;
    var categories = shown.preferences.categories.map(function (c) {
      var services = c.services.map(function (s) { return s.name; }).join(', ');
      return c.label + ': ' + c.description + (services ? ' (' + services + ')' : '');
    });
    [banner.title, banner.text, banner.buttons.join(' · '), shown.preferences.title].concat(categories, [shown.preferences.buttons.join(' · ')]).forEach(function (text) {
      var p = document.createElement('p');
      p.textContent = text;
      details.appendChild(p);
    });
    td.appendChild(details);
    row.appendChild(td);
  }

  function render(records) {
    last = records;
    body.replaceChildren();
    var receipts = (records && records.receipts) || [];
    receipts.forEach(function (r) {
      var row = document.createElement('tr');
      cell(row, new Date(r.timestamp).toLocaleString());
      cell(row, r.action);
      cell(row, r.source);
      cell(row, Object.keys(r.categories).filter(function (c) { return r.categories[c]; }).join(', '));
      cell(row, r.policy.version);
      notice(row, records, r);
      // The ledger's signed acknowledgement: proof it accepted this receipt.
      cell(row, r.ack ? 'Signed by key ' + r.ack.keyId + ', received ' + new Date(r.ack.receivedAt).toLocaleString() : 'No signed acknowledgement');
      body.appendChild(row);
    });
    status.textContent = receipts.length ? receipts.length + ' receipt(s) stored for you.' : 'No receipt is stored for you.';
  }

  function refresh() {
    status.textContent = 'Loading…';
    return ck.flush().then(function () { return ck.access(); }).then(render);
  }

  document.getElementById('refresh').addEventListener('click', refresh);
  document.getElementById('export').addEventListener('click', function () {
    var blob = new Blob([JSON.stringify(last, null, 2)], { type: 'application/json' });
    var a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = 'my-consent-records.json';
    a.click();
    URL.revokeObjectURL(a.href);
  });
  document.getElementById('erase').addEventListener('click', function () {
    ck.erase().then(function (done) {
      render(null);
      status.textContent = done ? 'Your records were erased. The banner will ask again.' : 'Erasure failed; please try again.';
    });
  });
  if (ck) refresh();
})();
