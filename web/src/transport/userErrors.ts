/** A refused mutation's reasons, as components receive them from the live hook. */
export interface UserErrorView {
  /** Path of the offending input field, e.g. ["edits", "configuration", "durationSeconds"]. */
  field: readonly string[];
  message: string;
  code: string;
}
