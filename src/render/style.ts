/** Terminal colours: only on a TTY, never when NO_COLOR is set (https://no-color.org). */
import { styleText } from 'node:util';

export type Paint = (color: 'green' | 'red' | 'yellow' | 'bold' | 'dim', text: string) => string;

export const plain: Paint = (_color, text) => text;

export function painter(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): Paint {
  const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  const forced = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0';
  if (noColor || (!stream.isTTY && !forced)) return plain;
  return (color, text) => styleText(color, text);
}
