import { DataAwsCallerIdentity } from '@cdktn/provider-aws/lib/data-aws-caller-identity';
import { DataAwsIamPolicyDocument } from '@cdktn/provider-aws/lib/data-aws-iam-policy-document';
import { DataAwsPartition } from '@cdktn/provider-aws/lib/data-aws-partition';
import { DbInstance } from '@cdktn/provider-aws/lib/db-instance';
import { EcsCluster } from '@cdktn/provider-aws/lib/ecs-cluster';
import { KmsKey } from '@cdktn/provider-aws/lib/kms-key';
import { Lb } from '@cdktn/provider-aws/lib/lb';
import { LbTargetGroup } from '@cdktn/provider-aws/lib/lb-target-group';
import { NatGateway } from '@cdktn/provider-aws/lib/nat-gateway';
import { SnsTopic } from '@cdktn/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktn/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktn/provider-aws/lib/sns-topic-subscription';
import { Fn, Op, propertyAccess, TerraformCount, Token } from 'cdktn';
import { Construct } from 'constructs';
import { optionalAttribute } from '../../lib/addresses';
import { AlarmThresholds, Alarms, DEFAULT_ALARM_THRESHOLDS } from './alarms';
import { Events } from './events';

export * from './alarms';
export * from './events';

/** An ECS service to watch: its name in the cluster and how many tasks it should run. */
export interface MonitoredService {
  /** The construct id of its alarms, kebab-case (`api` gives `..._api_no_running_tasks`). */
  readonly id: string;
  /** The ECS service name (a plain string: the alarm's ServiceName dimension). */
  readonly serviceName: string;
  /** Desired task count; 0 creates no alarm (a service scaled to zero is not down). */
  readonly desiredCount: number;
  /** The target group its tasks register in: adds a below-desired alarm on HealthyHostCount. @default - none */
  readonly targetGroup?: LbTargetGroup;
  /** Terraform bool: the service exists in this configuration. @default - always */
  readonly present?: boolean;
}

/** A target group of the load balancer, by the construct id of its alarms. */
export interface MonitoredTargetGroup {
  readonly id: string;
  readonly targetGroup: LbTargetGroup;
}

export interface MonitoringProps {
  /** `{name}-alarms` is the topic; every alarm name starts with `{name}-`. */
  readonly name: string;
  /** Terraform bool: create the topic, alarms, rules and subscriptions (all are `count`-gated on it). */
  readonly enabled: boolean;
  /** Address subscribed to the topic; an empty string subscribes nobody. @default "" */
  readonly email?: string;
  /** @default DEFAULT_ALARM_THRESHOLDS */
  readonly thresholds?: AlarmThresholds;
  readonly loadBalancer: Lb;
  readonly targetGroups: readonly MonitoredTargetGroup[];
  readonly cluster: EcsCluster;
  /** The cluster's name as a plain string (`{cluster}` in ARNs the event rules match). */
  readonly clusterName: string;
  readonly services: readonly MonitoredService[];
  readonly database: DbInstance;
  /** `max_connections` of the instance (a number or a Terraform expression), for the connections alarm. */
  readonly databaseMaxConnections: number;
  /** Terraform bool: the instance class earns CPU credits (db.t*), adds the CPUCreditBalance alarm. */
  readonly databaseBurstable: boolean;
  readonly natGateway: NatGateway;
  /** ARN of the certificate the ALB serves, for the approaching-expiration rule. */
  readonly certificateArn: string;
}

/**
 * Alarms and events of one deployment, delivered to one SNS topic
 * (`{name}-alarms`). The topic is encrypted with a customer-managed KMS key:
 * CloudWatch alarms, EventBridge and RDS cannot publish to a topic encrypted
 * with the AWS-managed key `alias/aws/sns`, whose key policy cannot grant
 * them `kms:GenerateDataKey*`. Everything is `count`-gated on `enabled`, so
 * one synthesized configuration serves both settings.
 */
export class Monitoring extends Construct {
  public readonly topic: SnsTopic;
  public readonly key: KmsKey;
  /** The topic's ARN, null when disabled. */
  public readonly topicArn: string;
  public readonly alarms: Alarms;
  public readonly events: Events;
  /** `count` of everything here: 1 when enabled. */
  public readonly count: TerraformCount;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    this.count = TerraformCount.of(Token.asNumber(Fn.conditional(props.enabled, 1, 0)));
    const count = this.count;
    const account = new DataAwsCallerIdentity(this, 'account');
    const partition = new DataAwsPartition(this, 'partition');
    const root = `arn:${partition.partition}:iam::${account.accountId}:root`;
    // The services that publish alarms and events to the topic.
    const publishers = ['cloudwatch.amazonaws.com', 'events.amazonaws.com', 'events.rds.amazonaws.com'];

    const keyPolicy = new DataAwsIamPolicyDocument(this, 'key-policy', {
      statement: [
        {
          sid: 'AccountAdministers',
          effect: 'Allow',
          principals: [{ type: 'AWS', identifiers: [root] }],
          actions: ['kms:*'],
          // A key policy's resource is the key itself, written "*" (AWS requires it in key policies).
          resources: ['*'],
        },
        {
          sid: 'PublishersEncrypt',
          effect: 'Allow',
          principals: [{ type: 'Service', identifiers: publishers }],
          actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
          resources: ['*'],
        },
      ],
    });
    this.key = new KmsKey(this, 'key', {
      description: `Encrypts the SNS topic ${props.name}-alarms`,
      enableKeyRotation: true,
      deletionWindowInDays: 7,
      policy: keyPolicy.json,
      count,
    });

    this.topic = new SnsTopic(this, 'topic', {
      name: `${props.name}-alarms`,
      kmsMasterKeyId: optionalAttribute(this.key, 'arn'),
      count,
    });
    this.topicArn = optionalAttribute(this.topic, 'arn');

    // The splat: an empty list while disabled (the document is then unused).
    const topicArns = Token.asList(propertyAccess(this.topic.fqn, ['*', 'arn']));
    const topicPolicy = new DataAwsIamPolicyDocument(this, 'topic-policy-document', {
      statement: [
        {
          sid: 'AccountManages',
          effect: 'Allow',
          principals: [{ type: 'AWS', identifiers: [root] }],
          actions: [
            'sns:GetTopicAttributes',
            'sns:SetTopicAttributes',
            'sns:AddPermission',
            'sns:RemovePermission',
            'sns:DeleteTopic',
            'sns:Subscribe',
            'sns:ListSubscriptionsByTopic',
            'sns:Publish',
          ],
          resources: topicArns,
        },
        {
          sid: 'ServicesPublish',
          effect: 'Allow',
          principals: [{ type: 'Service', identifiers: publishers }],
          actions: ['sns:Publish'],
          resources: topicArns,
          condition: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [account.accountId] }],
        },
      ],
    });
    new SnsTopicPolicy(this, 'topic-policy', {
      arn: this.topicArn,
      policy: topicPolicy.json,
      count,
    });

    const email = props.email ?? '';
    // A length, not `!= ""`: cdktf renders an empty-string operand of Op as undefined.
    new SnsTopicSubscription(this, 'email', {
      topicArn: this.topicArn,
      protocol: 'email',
      endpoint: email,
      count: TerraformCount.of(Token.asNumber(Fn.conditional(Op.and(props.enabled, Op.gte(Fn.lengthOf(email), 1)), 1, 0))),
    });

    this.alarms = new Alarms(this, 'alarm', {
      name: props.name,
      enabled: props.enabled,
      topicArn: this.topicArn,
      thresholds: props.thresholds ?? DEFAULT_ALARM_THRESHOLDS,
      loadBalancer: props.loadBalancer,
      targetGroups: props.targetGroups,
      cluster: props.cluster,
      services: props.services,
      database: props.database,
      databaseMaxConnections: props.databaseMaxConnections,
      databaseBurstable: props.databaseBurstable,
      natGateway: props.natGateway,
    });
    this.events = new Events(this, 'event', {
      name: props.name,
      count,
      topicArn: this.topicArn,
      cluster: props.cluster,
      clusterName: props.clusterName,
      database: props.database,
      certificateArn: props.certificateArn,
    });
  }
}
