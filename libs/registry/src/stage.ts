/** The stage deployed, and looked up, when none is named: infra, the CLI and CI agree on it. */
export const DEFAULT_STAGE = 'dev';

/** The environment variable that names the stage for `cdk synth`/`deploy` and the CLI. */
export const STAGE_ENV = 'IMGPIPE_STAGE';

// Part of every stack, resource and SSM name, so it must fit the strictest of them.
const STAGE_PATTERN = /^[a-z][a-z0-9-]{0,19}$/;

/**
 * Validates a stage name; an unset or blank one is {@link DEFAULT_STAGE}.
 *
 * @throws Error when the name is not 1-20 lowercase letters, digits or dashes, starting with a letter.
 * @example
 * stageName(undefined); // 'dev'
 * stageName('prod'); // 'prod'
 */
export function stageName(raw: string | undefined): string {
  const stage = raw?.trim() || DEFAULT_STAGE;
  if (!STAGE_PATTERN.test(stage)) {
    throw new Error(
      `${STAGE_ENV} must be 1-20 lowercase letters, digits or dashes, starting with a letter, got ${JSON.stringify(stage)}`,
    );
  }
  return stage;
}
