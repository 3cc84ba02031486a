/** What gating asks of the placeholder that stands in for a blocked iframe. */
export interface PlaceholderRequest {
  /** The name of the service its `data-service` names, else that attribute, else its `title`; null when it has none. */
  service: string | null;
  /** The categories the iframe is tagged with. */
  categories: string[];
  /** Grants what the iframe needs (its service alone when it names one), recorded with source `placeholder`. */
  grant(): void;
}

/**
 * Builds the element shown before a blocked iframe (which is hidden
 * meanwhile). The UI provides it, with its texts and styles; gating inserts
 * it, and removes it once the iframe loads.
 */
export type PlaceholderBuilder = (request: PlaceholderRequest) => HTMLElement;
