/** Terminal colours: only on a TTY, never when NO_COLOR is set (https://no-color.org). */
import { styleText } from 'node:util';

export type Paint = (color: 'green' | 'red' | 'yellow' | 'bold' | 'dim', text: string) => string;

export function painter(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): Paint {
  const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  const forced = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0';
  if (noColor || (!stream.isTTY && !forced)) return (_color, text) => text;
  return (color, text) => styleText(color, text);
}

export const plain: Paint = (_color, text) => text;
