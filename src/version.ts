import { readFileSync } from 'node:fs';

export const TOOL_VERSION: string = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
).version;

/** Version of the conformance profile (shared/spec/README.md, "The conformance profile (v1)"). */
export const PROFILE_VERSION = '1';
