/** How far a run has got: told after each read and each write, for progress on long runs. */
export interface ProgressEvent {
  /** Reading live licenses, or writing new versions. */
  phase: 'read' | 'write';
  /** Calls finished in this phase so far. */
  done: number;
  /** Calls this phase will make. */
  total: number;
}

export type OnProgress = (event: ProgressEvent) => void;
