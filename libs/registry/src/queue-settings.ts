/** SQS redrives a message to the DLQ after this many failed receives (DESIGN.md §5). */
export const MAX_RECEIVE_COUNT = 5;

/** Visibility timeout = this × function timeout, so retries never overlap a running batch. */
export const VISIBILITY_TIMEOUT_FACTOR = 6;
