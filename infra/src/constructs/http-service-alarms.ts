import { Duration } from 'aws-cdk-lib';
import type { IHttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import type { IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { HttpService } from '@imgpipe/registry';
import { httpApiNames } from './http-api-names';

export interface HttpServiceAlarmsProps {
  readonly stage: string;
  readonly service: HttpService;
  readonly apiStage: IHttpStage;
  readonly function: IFunction;
  /** Requests the stage throttling refused (429s, counted from the access log). */
  readonly throttledRequests: IMetric;
  readonly alarmTopic: ITopic;
}

/** Periods the p99 must stay high before it alarms: one slow burst is not an outage. */
export const LATENCY_EVALUATION_PERIODS = 3;

/**
 * The alarms an HTTP service needs, all notifying the alarm topic on alarm and on recovery:
 * the API answered 5xx (the handler crashed or timed out; its own errors are 4xx), p99
 * latency stayed above the registry's bound, and both kinds of throttling: the stage refused
 * callers over its rate (429), or Lambda throttled the function (API Gateway then answers
 * 500 too, but this names the cause).
 *
 * @example
 * new HttpServiceAlarms(this, 'Alarms', {
 *   stage, service, apiStage, function: fn, throttledRequests, alarmTopic,
 * });
 */
export class HttpServiceAlarms extends Construct {
  readonly alarms: readonly Alarm[];

  constructor(scope: Construct, id: string, props: HttpServiceAlarmsProps) {
    super(scope, id);
    const { service } = props;
    const prefix = httpApiNames(props.stage, service.name).alarmPrefix;
    const fiveMinutes = Duration.minutes(5);
    const define = (
      name: string,
      description: string,
      metric: IMetric,
      threshold: number,
      evaluationPeriods = 1,
    ) =>
      new Alarm(this, name, {
        alarmName: `${prefix}-${name}`,
        alarmDescription: description,
        metric,
        threshold,
        evaluationPeriods,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        // No data means no requests, which is healthy.
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });

    this.alarms = [
      define(
        '5xx',
        `${service.project}: the API answered 5xx (handler crash, timeout or throttle); see the access log.`,
        props.apiStage.metricServerError({ statistic: 'Sum', period: fiveMinutes }),
        1,
      ),
      define(
        'latency-p99',
        `${service.project}: p99 latency stayed at or above ${service.latencyP99AlarmMs} ms for ${LATENCY_EVALUATION_PERIODS * 5} minutes.`,
        props.apiStage.metricLatency({ statistic: 'p99', period: fiveMinutes }),
        service.latencyP99AlarmMs,
        LATENCY_EVALUATION_PERIODS,
      ),
      define(
        'api-throttled',
        `${service.project}: the stage refused requests over ${service.throttle.rateLimit}/s (burst ${service.throttle.burstLimit}) with 429.`,
        props.throttledRequests,
        1,
      ),
      define(
        'function-throttles',
        `${service.project}: Lambda throttled invocations; the account concurrency is exhausted.`,
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
