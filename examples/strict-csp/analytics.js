document.getElementById('status').textContent = 'The analytics tag ran under a strict CSP.';
