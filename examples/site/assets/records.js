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
