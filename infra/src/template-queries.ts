import type { Template } from 'aws-cdk-lib/assertions';

/** A `{ Ref }` to the SSM-backed CloudFormation parameter that reads `parameterName`. */
export function ssmParameterRef(template: Template, parameterName: string): { Ref: string } {
  const matches = Object.entries(template.findParameters('*', { Default: parameterName }));
  if (matches.length !== 1) {
    throw new Error(`expected one parameter reading ${parameterName}, found ${matches.length}`);
  }
  return { Ref: matches[0]![0] };
}

/** The logical ID of the only resource of `type` matching `props`. */
export function logicalIdOf(template: Template, type: string, props: object = {}): string {
  const ids = Object.keys(template.findResources(type, props));
  if (ids.length !== 1) throw new Error(`expected one ${type}, found ${ids.length}`);
  return ids[0]!;
}

interface PolicyStatementJson {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
}

/** Every Allow statement of the inline policies attached to a role, actions as arrays. */
export function allowStatementsOfRole(template: Template, roleLogicalId: string) {
  const policies = template.findResources('AWS::IAM::Policy', {
    Properties: { Roles: [{ Ref: roleLogicalId }] },
  });
  return Object.values(policies)
    .flatMap((policy) => policy['Properties'].PolicyDocument.Statement as PolicyStatementJson[])
    .filter((statement) => statement.Effect === 'Allow')
    .map((statement) => ({
      actions: [statement.Action].flat(),
      resource: statement.Resource,
    }));
}

/**
 * The dashboard body as widgets. CloudFormation assembles it from strings and intrinsics;
 * they are evaluated here with each `Ref` standing in as `<Name>` (colons dropped, so ARN
 * splitting still finds the right field), then the JSON is parsed.
 */
export function dashboardWidgets(template: Template): Array<Record<string, any>> {
  const dashboards = Object.values(template.findResources('AWS::CloudWatch::Dashboard'));
  if (dashboards.length !== 1) throw new Error(`expected one dashboard, found ${dashboards.length}`);
  return JSON.parse(evaluate(dashboards[0]!['Properties'].DashboardBody) as string).widgets;
}

function evaluate(node: any): unknown {
  if (typeof node === 'string' || typeof node === 'number') return node;
  if (Array.isArray(node)) return node.map(evaluate);
  if ('Ref' in node) return `<${String(node.Ref).replace(/:/g, '')}>`;
  if ('Fn::Join' in node) {
    const [delimiter, parts] = node['Fn::Join'];
    return (evaluate(parts) as string[]).join(delimiter);
  }
  if ('Fn::Split' in node) {
    const [delimiter, source] = node['Fn::Split'];
    return (evaluate(source) as string).split(delimiter);
  }
  if ('Fn::Select' in node) {
    const [index, list] = node['Fn::Select'];
    return (evaluate(list) as unknown[])[index];
  }
  throw new Error(`cannot evaluate ${JSON.stringify(node)}`);
}
