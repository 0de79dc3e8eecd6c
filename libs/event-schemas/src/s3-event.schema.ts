import * as z from 'zod';

/** One record of an S3 event notification (event versions 2.1–2.3). */
export const s3EventRecordSchema = z.object({
  eventVersion: z.string(),
  eventSource: z.literal('aws:s3'),
  awsRegion: z.string(),
  eventTime: z.string(),
  eventName: z.string(),
  userIdentity: z.object({ principalId: z.string() }).optional(),
  requestParameters: z.object({ sourceIPAddress: z.string() }).optional(),
  responseElements: z.record(z.string(), z.string()).optional(),
  s3: z.object({
    s3SchemaVersion: z.string(),
    configurationId: z.string().optional(),
    bucket: z.object({
      name: z.string().min(1),
      ownerIdentity: z.object({ principalId: z.string() }).optional(),
      arn: z.string(),
    }),
    object: z.object({
      key: z.string().min(1),
      size: z.number().int().nonnegative().optional(),
      eTag: z.string().optional(),
      versionId: z.string().optional(),
      sequencer: z.string().regex(/^[0-9a-fA-F]+$/),
    }),
  }),
});
export type S3EventRecord = z.infer<typeof s3EventRecordSchema>;

/** The body S3 sends to a notification target. */
export const s3EventNotificationSchema = z.object({
  Records: z.array(s3EventRecordSchema),
});
export type S3EventNotification = z.infer<typeof s3EventNotificationSchema>;

/** The message S3 sends once when a notification target is configured. */
export const s3TestEventSchema = z.object({
  Service: z.literal('Amazon S3'),
  Event: z.literal('s3:TestEvent'),
  Time: z.string(),
  Bucket: z.string(),
  RequestId: z.string().optional(),
  HostId: z.string().optional(),
});

/** An SNS notification as it arrives in an SQS body when raw message delivery is off. */
export const snsEnvelopeSchema = z.object({
  Type: z.literal('Notification'),
  MessageId: z.string(),
  TopicArn: z.string(),
  Subject: z.string().optional().nullable(),
  Message: z.string(),
  Timestamp: z.string(),
  SignatureVersion: z.string().optional(),
  Signature: z.string().optional(),
  SigningCertURL: z.string().optional(),
  UnsubscribeURL: z.string().optional(),
  MessageAttributes: z.record(z.string(), z.unknown()).optional(),
});
export type SnsEnvelope = z.infer<typeof snsEnvelopeSchema>;
