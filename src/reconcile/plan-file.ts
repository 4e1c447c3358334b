/**
 * What the plan file (schemas/plan.schema.json) says of itself, shared by the
 * JSON writer (render/json.ts) and the saved-plan reader (run/saved-plan.ts).
 */

/** The version of every JSON document the tool prints; it changes only when a consumer would break. */
export const FORMAT_VERSION = 1;

/** The configuration file a saved plan was made with: its path from the repository's top level and its blob. */
export interface SavedConfig {
  file: string;
  blob: string;
}
