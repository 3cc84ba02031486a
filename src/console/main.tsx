// The console's entry: bundled by rollup into dist/console.js (Preact included),
// served by the ledger at {base}/console/console.js. Nothing here reaches the SDK's builds.
import { render } from 'preact';
import { App } from './App';

render(<App />, document.getElementById('app')!);
