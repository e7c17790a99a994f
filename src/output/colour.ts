import { inspect } from 'node:util';

// Colour on a terminal, never in a log, and always as the user's environment says: FORCE_COLOR (any value but 0 or
// false) turns it on anywhere, NO_COLOR (any non-empty value, https://no-color.org) turns it off on a terminal. The
// escape codes come from Node's own table (util.inspect.colors), not from a hand-kept list; util.styleText is not
// used because from Node 22 it checks the stream itself and would drop FORCE_COLOR's colour in a pipe.

type Colour = keyof typeof inspect.colors;

export function colourEnabled(
  stream: { isTTY?: boolean; hasColors?: () => boolean },
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  if (env.NO_COLOR) return false;
  if (stream.isTTY !== true) return false;
  return stream.hasColors ? stream.hasColors() : true;
}

export type Paint = (colour: Colour, text: string) => string;

/** A painter for one stream: the text in that colour when colour is on, the text unchanged otherwise. */
export function painter(enabled: boolean): Paint {
  return (colour, text) => {
    if (!enabled) return text;
    const [open, close] = inspect.colors[colour] ?? [0, 0];
    return `\u001b[${open}m${text}\u001b[${close}m`;
  };
}
