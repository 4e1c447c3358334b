/** The plan's notes (Plan.notes), one line each in the caller's form, then a blank line; "" when there are none. */
import type { Plan } from '../reconcile/types.js';

export function planNotes(plan: Plan, line: (note: string) => string): string {
  const notes = plan.notes ?? [];
  return notes.length > 0 ? `${notes.map(line).join('\n')}\n\n` : '';
}
