import type { Template } from 'aws-cdk-lib/assertions';
import type { ResourceRef } from '@imgpipe/registry';
import { ssmNames } from '@imgpipe/registry';

type Json = Record<string, unknown>;

function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function onlyOne<T>(items: readonly T[], what: string): T {
  const [first] = items;
  if (items.length !== 1 || first === undefined)
    throw new Error(`expected one ${what}, found ${items.length}`);
  return first;
}

/** A `{ Ref }` to the SSM-backed CloudFormation parameter that reads `parameterName`. */
export function ssmParameterRef(template: Template, parameterName: string): { Ref: string } {
  const ids = Object.keys(template.findParameters('*', { Default: parameterName }));
  return { Ref: onlyOne(ids, `parameter reading ${parameterName}`) };
}

/** The logical ID of the only resource of `type` matching `props`. */
export function logicalIdOf(template: Template, type: string, props: object = {}): string {
  return onlyOne(Object.keys(template.findResources(type, props)), type);
}

/** The `Properties` of a resource found by logical ID. */
export function propertiesOf(template: Template, type: string, logicalId: string): Json {
  const properties = template.findResources(type)[logicalId]?.['Properties'];
  if (!isJson(properties)) throw new Error(`no ${type} ${logicalId}`);
  return properties;
}

/** Every Allow statement of the inline policies attached to a role, actions as arrays. */
export function allowStatementsOfRole(template: Template, roleLogicalId: string) {
  const policies = template.findResources('AWS::IAM::Policy', {
    Properties: { Roles: [{ Ref: roleLogicalId }] },
  });
  return Object.values(policies)
    .flatMap((policy) => policy['Properties'].PolicyDocument.Statement as Json[])
    .filter((statement) => statement['Effect'] === 'Allow')
    .map((statement) => ({
      actions: [statement['Action']].flat(),
      resource: statement['Resource'],
    }));
}

/**
 * The CloudFormation form a service stack gives a registry bucket or table reference: an
 * ARN joined from the SSM-backed name parameter, as `platformArn` builds it.
 */
export function templateArnOf(template: Template, stage: string, ref: ResourceRef): unknown {
  const ssm = ssmNames(stage);
  switch (ref.kind) {
    case 'bucket': {
      const parameter = ref.bucket === 'source' ? ssm.sourceBucketName : ssm.processedBucketName;
      const arn = [
        'arn:',
        { Ref: 'AWS::Partition' },
        ':s3:::',
        ssmParameterRef(template, parameter),
      ];
      return { 'Fn::Join': ['', ref.keys === undefined ? arn : [...arn, `/${ref.keys}`]] };
    }
    case 'table': {
      const arn = [
        'arn:',
        { Ref: 'AWS::Partition' },
        ':dynamodb:',
        { Ref: 'AWS::Region' },
        ':',
        { Ref: 'AWS::AccountId' },
        ':table/',
        ssmParameterRef(template, ssm.imageTableName),
      ];
      return { 'Fn::Join': ['', ref.index === undefined ? arn : [...arn, `/index/${ref.index}`]] };
    }
    default:
      throw new Error(`no template form for ${ref.kind}`);
  }
}

export interface DashboardWidget {
  readonly type: string;
  readonly properties?: {
    readonly title?: string;
    readonly markdown?: string;
    readonly metrics?: unknown[];
    /** Log query widgets: `SOURCE '<log group>' | <query>`. */
    readonly query?: string;
  };
}

/**
 * The dashboard body as widgets. CloudFormation assembles it from strings and intrinsics;
 * they are evaluated here with each `Ref` standing in as `<Name>` (colons dropped, so ARN
 * splitting still finds the right field), then the JSON is parsed.
 */
export function dashboardWidgets(template: Template): DashboardWidget[] {
  const dashboard = onlyOne(
    Object.values(template.findResources('AWS::CloudWatch::Dashboard')),
    'dashboard',
  );
  return (
    JSON.parse(String(evaluate(dashboard['Properties'].DashboardBody))) as {
      widgets: DashboardWidget[];
    }
  ).widgets;
}

function evaluate(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(evaluate);
  if (!isJson(node)) return node;
  const [[fn, args]] = Object.entries(node) as [[string, unknown]];
  const list = (value: unknown) => evaluate(value) as unknown[];
  switch (fn) {
    case 'Ref':
      return `<${String(args).replace(/:/g, '')}>`;
    case 'Fn::Join': {
      const [delimiter, parts] = args as [string, unknown];
      return list(parts).join(delimiter);
    }
    case 'Fn::Split': {
      const [delimiter, source] = args as [string, unknown];
      return String(evaluate(source)).split(delimiter);
    }
    case 'Fn::Select': {
      const [index, source] = args as [number, unknown];
      return list(source)[index];
    }
    default:
      throw new Error(`cannot evaluate ${JSON.stringify(node)}`);
  }
}
