document.getElementById('status').textContent = 'Analytics ran at ' + new Date().toLocaleTimeString() + '.';
