import { App, Stack } from 'aws-cdk-lib';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ALL_SERVICES } from '@imgpipe/registry';
import { HTTP_SETTINGS_CONTEXT } from './http-settings';
import { PLATFORM } from './imgpipe-app';
import { buildTestApp, TEST_STAGE } from './test-app';

describe('cdk-nag AwsSolutions checks', () => {
  it('given every stack of the app, then no finding is left unacknowledged', () => {
    const { app } = buildTestApp();

    const report = new AwsSolutionsChecks().validateScope(app);

    const findings = report.violations.map((violation) => ({
      rule: violation.ruleName,
      at: violation.violatingResources.map((resource) => resource.constructPath),
    }));
    expect(findings).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('given the HTTP services behind a JWT authorizer with CORS (and the platform allowing their origins), then no finding is left unacknowledged', () => {
    const projects = ALL_SERVICES.filter((service) => service.kind === 'http').map(
      (service) => service.project,
    );
    const settings = {
      auth: { type: 'jwt', issuer: 'https://issuer.example.com/', audience: ['client'] },
      corsOrigins: ['https://images.example.com'],
    };
    const { app } = buildTestApp(
      { only: [PLATFORM, ...projects] },
      {
        [HTTP_SETTINGS_CONTEXT]: {
          [TEST_STAGE]: Object.fromEntries(projects.map((project) => [project, settings])),
        },
      },
    );

    const report = new AwsSolutionsChecks().validateScope(app);

    expect(projects.length).toBeGreaterThan(0);
    expect(report.violations.map((violation) => violation.ruleName)).toEqual([]);
  });

  it('given an unhardened bucket, then the same checks report it (the gate is live)', () => {
    const app = new App();
    new Bucket(new Stack(app, 'Scratch'), 'Plain');

    const report = new AwsSolutionsChecks().validateScope(app);

    expect(report.violations.map((violation) => violation.ruleName)).toEqual(
      expect.arrayContaining(['AwsSolutions-S1', 'AwsSolutions-S10']),
    );
  });
});
