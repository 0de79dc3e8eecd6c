import { Duration } from 'aws-cdk-lib';
import type { IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { QueueFedService } from '@imgpipe/registry';

export interface ImageServiceAlarmsProps {
  readonly stage: string;
  readonly service: QueueFedService;
  readonly queue: IQueue;
  readonly deadLetterQueue: IQueue;
  readonly function: IFunction;
  readonly alarmTopic: ITopic;
}

/**
 * The four alarms a queue-fed service needs, all notifying the alarm topic on alarm and on
 * recovery: a message reached the DLQ, the queue is falling behind, the function itself
 * failed (record failures are reported per item and do not count), Lambda throttled it.
 *
 * @example
 * new ImageServiceAlarms(this, 'Alarms', { stage, service, queue, deadLetterQueue, function: fn, alarmTopic });
 */
export class ImageServiceAlarms extends Construct {
  readonly alarms: readonly Alarm[];

  constructor(scope: Construct, id: string, props: ImageServiceAlarmsProps) {
    super(scope, id);
    const prefix = `imgpipe-${props.stage}-${props.service.name}`;
    const fiveMinutes = Duration.minutes(5);
    const define = (name: string, description: string, metric: IMetric, threshold: number) =>
      new Alarm(this, name, {
        alarmName: `${prefix}-${name}`,
        alarmDescription: description,
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        // No data means an idle queue or function, which is healthy.
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });

    this.alarms = [
      define(
        'dlq-not-empty',
        `${props.service.project}: messages are in the DLQ; inspect and replay with \`imgpipe dlq\`.`,
        props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
          statistic: 'Maximum',
          period: Duration.minutes(1),
        }),
        1,
      ),
      define(
        'oldest-message-age',
        `${props.service.project}: the oldest queued message is older than ${Duration.minutes(props.service.maxMessageAgeMinutes).toHumanString()}.`,
        props.queue.metricApproximateAgeOfOldestMessage({
          statistic: 'Maximum',
          period: fiveMinutes,
        }),
        props.service.maxMessageAgeMinutes * 60,
      ),
      define(
        'function-errors',
        `${props.service.project}: invocations failed as a whole (crash, timeout, out of memory).`,
        props.function.metricErrors({ statistic: 'Sum', period: fiveMinutes }),
        1,
      ),
      define(
        'function-throttles',
        `${props.service.project}: Lambda throttled invocations; the account concurrency is exhausted.`,
        props.function.metricThrottles({ statistic: 'Sum', period: fiveMinutes }),
        1,
      ),
    ];
    const action = new SnsAction(props.alarmTopic);
    for (const alarm of this.alarms) {
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
    }
  }
}
