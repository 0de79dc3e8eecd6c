import { ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import type { IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { MathExpression, Metric } from 'aws-cdk-lib/aws-cloudwatch';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { LogQueryVisualizationType, LogQueryWidget } from 'aws-cdk-lib/aws-cloudwatch';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import {
  DashboardRenderingPreference,
  DefaultDashboardFactory,
  MonitoringFacade,
} from 'cdk-monitoring-constructs';
import { Construct } from 'constructs';
import type { HttpService, MetricName, QueueFedService, Service } from '@imgpipe/registry';
import {
  dashboardName,
  isQueueFed,
  METRICS_NAMESPACE,
  serviceResourceNames,
} from '@imgpipe/registry';
import { httpApiNames } from './http-api-names';

export interface PipelineDashboardProps {
  readonly stage: string;
  /** Every service: queue-fed ones get the totals and a queue row, HTTP ones an API row. */
  readonly services: readonly Service[];
}

type EmfMetric = MetricName;
interface ServiceResources {
  readonly service: QueueFedService;
  readonly queue: IQueue;
  readonly dlq: IQueue;
  readonly fn: IFunction;
}
const PERIOD = Duration.minutes(5);
/** The per-image counts each service emits, graphed together. */
const IMAGE_COUNTS = [
  'ImagesProcessed',
  'ImagesRejected',
  'ImagesRetried',
  'ImagesDeleted',
] as const;

/**
 * One CloudWatch dashboard for the pipeline: totals across services on top, then per
 * service its queue and DLQ, its Lambda function and its EMF metrics. Services are charted
 * by their fixed physical names, so this stack never depends on the service stacks.
 *
 * @example
 * new PipelineDashboard(this, 'Dashboard', { stage: 'prod', services: SERVICES });
 */
export class PipelineDashboard extends Construct {
  readonly dashboardName: string;

  constructor(scope: Construct, id: string, props: PipelineDashboardProps) {
    super(scope, id);
    this.dashboardName = dashboardName(props.stage);
    const facade = new MonitoringFacade(this, 'Monitoring', {
      metricFactoryDefaults: { namespace: METRICS_NAMESPACE, period: PERIOD },
      dashboardFactory: new DefaultDashboardFactory(this, 'Factory', {
        dashboardNamePrefix: this.dashboardName,
        createSummaryDashboard: false,
        createAlarmDashboard: false,
        renderingPreference: DashboardRenderingPreference.INTERACTIVE_ONLY,
      }),
    });

    const services: ServiceResources[] = props.services.filter(isQueueFed).map((service) => ({
      service,
      ...this.importServiceResources(props.stage, service),
    }));

    facade.addLargeHeader(`imgpipe ${props.stage}: pipeline totals`);
    const total = (metricOf: (resources: ServiceResources) => IMetric, label: string) =>
      sumOf(services.map(metricOf), label);
    facade.monitorCustom({
      alarmFriendlyName: 'PipelineTotals',
      humanReadableName: 'All services',
      metricGroups: [
        {
          title: 'Images',
          metrics: IMAGE_COUNTS.map((name) =>
            total((resources) => emfMetric(resources.service, name, 'Sum'), name),
          ),
        },
        {
          title: 'Bytes',
          metrics: (['BytesIn', 'BytesOut'] as const).map((name) =>
            total((resources) => emfMetric(resources.service, name, 'Sum'), name),
          ),
        },
        {
          title: 'Backlog',
          metrics: [
            total(
              (resources) => resources.queue.metricApproximateNumberOfMessagesVisible(),
              'Queued',
            ),
            total(
              (resources) => resources.dlq.metricApproximateNumberOfMessagesVisible(),
              'In DLQs',
            ),
          ],
        },
        {
          title: 'Function errors and throttles',
          metrics: [
            total((resources) => resources.fn.metricErrors({ period: PERIOD }), 'Errors'),
            total((resources) => resources.fn.metricThrottles({ period: PERIOD }), 'Throttles'),
          ],
        },
      ],
    });

    for (const { service, queue, dlq, fn } of services) {
      facade.addLargeHeader(service.project);
      facade.monitorSqsQueueWithDlq({
        queue,
        deadLetterQueue: dlq,
        alarmFriendlyName: `${service.name}-queue`,
        humanReadableName: `${service.project} queue`,
      });
      facade.monitorLambdaFunction({
        lambdaFunction: fn,
        alarmFriendlyName: `${service.name}-function`,
        humanReadableName: `${service.project} function`,
      });
      facade.monitorCustom({
        alarmFriendlyName: `${service.name}-emf`,
        humanReadableName: `${service.project} images (EMF)`,
        metricGroups: [
          {
            title: 'Images',
            metrics: IMAGE_COUNTS.map((name) => emfMetric(service, name, 'Sum')),
          },
          {
            title: 'ProcessingTime',
            metrics: (['p50', 'p99'] as const).map((statistic) =>
              emfMetric(service, 'ProcessingTime', statistic),
            ),
          },
          {
            title: 'Bytes',
            metrics: (['BytesIn', 'BytesOut'] as const).map((name) =>
              emfMetric(service, name, 'Sum'),
            ),
          },
        ],
      });
    }

    for (const service of props.services.filter((s): s is HttpService => s.kind === 'http')) {
      this.addHttpServiceRow(facade, props.stage, service);
    }
  }

  /**
   * An HTTP service's row: its function by name, and its API through the access log group
   * (HTTP API metrics carry only the generated API id, which this stack cannot know).
   */
  private addHttpServiceRow(facade: MonitoringFacade, stage: string, service: HttpService) {
    const names = httpApiNames(stage, service.name);
    facade.addLargeHeader(service.project);
    facade.monitorLambdaFunction({
      lambdaFunction: LambdaFunction.fromFunctionName(
        this,
        `${service.name}-function`,
        names.functionName,
      ),
      alarmFriendlyName: `${service.name}-function`,
      humanReadableName: `${service.project} function`,
    });
    const query = (title: string, view: LogQueryVisualizationType, queryLines: string[]) =>
      new LogQueryWidget({
        title,
        logGroupNames: [names.accessLogGroupName],
        view,
        queryLines,
        width: 12,
        height: 6,
      });
    facade.addWidget(
      query(`${service.project} API requests by status`, LogQueryVisualizationType.BAR, [
        'stats count(*) as requests by status',
      ]),
    );
    facade.addWidget(
      query(`${service.project} API latency (ms)`, LogQueryVisualizationType.LINE, [
        'stats pct(responseLatency, 50) as p50, pct(responseLatency, 99) as p99, pct(integrationLatency, 99) as integrationP99 by bin(5m)',
      ]),
    );
  }

  private importServiceResources(stage: string, service: QueueFedService) {
    const stack = Stack.of(this);
    const names = serviceResourceNames(stage, service.name);
    const queueArn = (queueName: string) =>
      stack.formatArn({
        service: 'sqs',
        resource: queueName,
        arnFormat: ArnFormat.NO_RESOURCE_NAME,
      });
    return {
      queue: Queue.fromQueueAttributes(this, `${service.name}-queue`, {
        queueArn: queueArn(names.queueName),
        queueName: names.queueName,
      }),
      dlq: Queue.fromQueueAttributes(this, `${service.name}-dlq`, {
        queueArn: queueArn(names.dlqName),
        queueName: names.dlqName,
      }),
      fn: LambdaFunction.fromFunctionName(this, `${service.name}-function`, names.functionName),
    };
  }
}

function emfMetric(service: QueueFedService, metricName: EmfMetric, statistic: string): Metric {
  return new Metric({
    namespace: METRICS_NAMESPACE,
    metricName,
    dimensionsMap: { service: service.project },
    statistic,
    period: PERIOD,
    label: `${metricName} ${statistic}`,
  });
}

/** `SUM([...])` of one metric per service: a single line however many services there are. */
function sumOf(metrics: readonly IMetric[], label: string): MathExpression {
  // Ids must be unique within a graph that holds several sums.
  const idPrefix = label.toLowerCase().replace(/[^a-z0-9]/g, '');
  const usingMetrics = Object.fromEntries(
    metrics.map((metric, index) => [`${idPrefix}${index}`, metric]),
  );
  return new MathExpression({
    expression: `SUM([${Object.keys(usingMetrics).join(',')}])`,
    usingMetrics,
    label,
    period: PERIOD,
  });
}
