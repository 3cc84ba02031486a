/** What gating asks of the placeholder that stands in for a blocked iframe. */
export interface PlaceholderRequest {
  /** The iframe's `data-service`, else its `title`; null when it has neither. */
  service: string | null;
  /** The categories the iframe needs, every one required. */
  categories: string[];
  /** Grants those categories, recorded with source `placeholder`. */
  grant(): void;
}

/**
 * Builds the element shown before a blocked iframe (which is hidden
 * meanwhile). The UI provides it, with its texts and styles; gating inserts
 * it, and removes it once the iframe loads.
 */
export type PlaceholderBuilder = (request: PlaceholderRequest) => HTMLElement;
