/** The flags of a license's life (prune) that plan and apply share; run/assembly.ts turns them into run options. */
export interface LifecycleArgs {
  /** Retire licenses whose manifest is gone (off by default). */
  prune?: boolean;
  /** With --prune: delete licenses that still have active grants. */
  forceDeleteGranted?: boolean;
  /** Make changes that could cut off a customer in use (reconcile/usage.ts). */
  allowInUse?: boolean;
}
