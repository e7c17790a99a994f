import { createHash, randomBytes } from 'node:crypto';
import { UsageError } from '../core/errors.js';

// The identity of a run, shared by the shards of one invocation set: `report` merges only shards that carry the same
// one. CI systems name their pipeline in the environment, so the shards of one CI run agree without a flag.

/** CI variables naming one pipeline run (all its jobs share the value), in the order they are tried. */
const CI_RUN_VARIABLES: readonly [string, string][] = [
  ['GITHUB_RUN_ID', 'github'],
  ['CI_PIPELINE_ID', 'gitlab'],
  ['BUILDKITE_BUILD_ID', 'buildkite'],
  ['CIRCLE_WORKFLOW_ID', 'circleci'],
  ['BUILD_BUILDID', 'azure'],
];

export interface RunIdentity {
  id: string;
  /** Where the id came from: given (--run-id), a CI variable, or generated (this process only). */
  source: 'flag' | 'ci' | 'generated';
}

/** `--run-id`, else the CI pipeline's id (GitHub Actions adds the attempt), else a generated id. */
export function runIdentity(flag: string | undefined, env: NodeJS.ProcessEnv): RunIdentity {
  if (flag !== undefined) {
    if (!/^[A-Za-z0-9][A-Za-z0-9._:/+-]{0,127}$/.test(flag))
      throw new UsageError(
        `--run-id must be 1-128 letters, digits or . _ : / + - (starting with a letter or digit), got ${JSON.stringify(flag)}`,
      );
    return { id: flag, source: 'flag' };
  }
  for (const [name, system] of CI_RUN_VARIABLES) {
    const value = env[name]?.trim();
    if (!value) continue;
    const attempt = name === 'GITHUB_RUN_ID' && env.GITHUB_RUN_ATTEMPT ? `.${env.GITHUB_RUN_ATTEMPT}` : '';
    return { id: `${system}:${value}${attempt}`, source: 'ci' };
  }
  return { id: `local:${randomBytes(6).toString('hex')}`, source: 'generated' };
}

/** The default seed of a run whose id is shared (given or from CI): derived from the id, so every shard of the run
 * generates the same inputs without a --seed. */
export function seedOf(id: string): number {
  return createHash('sha256').update(id).digest().readUInt32BE(0) % 2 ** 31;
}
