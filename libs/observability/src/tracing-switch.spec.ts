import { tracingEnabledIn } from './tracing-switch';

describe('tracingEnabledIn', () => {
  const lambda = { AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x' };

  it('given a Lambda execution environment, then tracing is on', () => {
    expect(tracingEnabledIn(lambda)).toBe(true);
  });

  it('given no execution environment (local stack, tests, bench), then tracing is off', () => {
    expect(tracingEnabledIn({})).toBe(false);
    expect(tracingEnabledIn({ AWS_EXECUTION_ENV: ' ' })).toBe(false);
  });

  it.each([
    [{ ...lambda, POWERTOOLS_TRACE_ENABLED: 'FALSE' }],
    [{ ...lambda, AWS_SAM_LOCAL: 'true' }],
    [{ AWS_EXECUTION_ENV: 'AWS_Lambda_amplify-mock' }],
  ])('given %j, then tracing is off as Powertools decides', (env) => {
    expect(tracingEnabledIn(env)).toBe(false);
  });

  it('given POWERTOOLS_TRACE_ENABLED=true in Lambda, then tracing is on', () => {
    expect(tracingEnabledIn({ ...lambda, POWERTOOLS_TRACE_ENABLED: 'true' })).toBe(true);
  });
});
