// The cross-engine stories (test/browser/stories/) in chromium.
import { runStories } from './stories';

runStories('chromium');
