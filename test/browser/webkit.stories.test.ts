// The cross-engine stories (test/browser/stories/) in webkit.
import { runStories } from './stories';

runStories('webkit');
