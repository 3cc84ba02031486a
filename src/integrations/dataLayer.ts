/** The globals Google's tags read: a queue of messages and, once a tag is loaded, `gtag()`. */
interface TagPage {
  dataLayer?: unknown[];
  gtag?: (...args: unknown[]) => void;
}

/**
 * Appends a message to `window.dataLayer`, creating the queue if no tag
 * manager has yet. The page global is the interface itself: Google's tags read
 * nothing else, so it is not behind the platform.
 */
export function pushToDataLayer(message: unknown): void {
  ((window as TagPage).dataLayer ||= []).push(message);
}

/**
 * Google's `gtag()`: the page's own when defined, else the snippet's
 * `dataLayer.push(arguments)`. gtag.js reads only real `arguments` objects
 * from the queue; an array or a rest parameter would be silently ignored.
 */
export function gtag(..._args: unknown[]): void {
  const own = (window as TagPage).gtag;
  if (own) own(..._args);
  else pushToDataLayer(arguments);
}
