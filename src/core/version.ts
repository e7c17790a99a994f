import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from './paths.js';

export const TOOL_VERSION: string = JSON.parse(
  readFileSync(join(packageRoot, 'package.json'), 'utf8'),
).version;

/** Version of the conformance profile (docs/profile.md, "The conformance profile (v1)"). */
export const PROFILE_VERSION = '1';
