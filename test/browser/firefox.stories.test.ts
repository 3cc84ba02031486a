// The cross-engine stories (test/browser/stories/) in firefox.
import { runStories } from './stories';

runStories('firefox');
