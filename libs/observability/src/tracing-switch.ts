/**
 * Whether Powertools' tracer would switch itself on in this environment, by its own rule:
 * inside Lambda (`AWS_EXECUTION_ENV` set), not under SAM local or the Amplify mock, and
 * not turned off with `POWERTOOLS_TRACE_ENABLED=false`. Decided before loading the tracer,
 * whose X-Ray SDK costs every cold start time and does nothing when tracing is off (the
 * local stack, tests, the bench).
 *
 * @example
 * tracingEnabledIn({ AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x' }); // true
 * tracingEnabledIn({}); // false
 */
export function tracingEnabledIn(env: Readonly<Record<string, string | undefined>>): boolean {
  const value = (name: string) => (env[name] ?? '').trim();
  if (value('POWERTOOLS_TRACE_ENABLED').toLowerCase() === 'false') return false;
  const executionEnv = value('AWS_EXECUTION_ENV');
  return (
    executionEnv !== '' &&
    executionEnv !== 'AWS_Lambda_amplify-mock' &&
    value('AWS_SAM_LOCAL') === ''
  );
}
