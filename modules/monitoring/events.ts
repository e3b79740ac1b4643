import { CloudwatchEventRule } from '@cdktn/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktn/provider-aws/lib/cloudwatch-event-target';
import { DbEventSubscription } from '@cdktn/provider-aws/lib/db-event-subscription';
import { DbInstance } from '@cdktn/provider-aws/lib/db-instance';
import { EcsCluster } from '@cdktn/provider-aws/lib/ecs-cluster';
import { Fn, TerraformCount } from 'cdktn';
import { Construct } from 'constructs';
import { optionalAttribute } from '../../lib/addresses';

/** The RDS event categories the subscription sends (RDS's names for a db-instance source). */
export const DB_EVENT_CATEGORIES = ['availability', 'failover', 'failure', 'low storage', 'maintenance', 'recovery'] as const;

/** The stopped reasons of a task that could not get its image or its registry credentials. */
export const PULL_FAILURE_PREFIXES = ['CannotPullContainerError', 'ResourceInitializationError'] as const;

export interface EventsProps {
  readonly name: string;
  readonly count: TerraformCount;
  readonly topicArn: string;
  readonly cluster: EcsCluster;
  readonly clusterName: string;
  readonly database: DbInstance;
  readonly certificateArn: string;
}

/**
 * Events to the topic: EventBridge rules for failed and rolled-back ECS
 * deployments, tasks stopped because their image could not be pulled, and
 * the certificate approaching expiration; and an RDS event subscription.
 * The raw event JSON is delivered (no input transformer): it names the
 * service, the deployment and the reason.
 */
export class Events extends Construct {
  public readonly rules: CloudwatchEventRule[] = [];
  public readonly databaseSubscription: DbEventSubscription;

  constructor(scope: Construct, id: string, props: EventsProps) {
    super(scope, id);
    const rule = (ruleId: string, description: string, pattern: Record<string, unknown>) => {
      const created = new CloudwatchEventRule(this, ruleId, {
        name: `${props.name}-${ruleId}`,
        description,
        eventPattern: Fn.jsonencode(pattern),
        count: props.count,
      });
      new CloudwatchEventTarget(this, `${ruleId}-target`, {
        rule: optionalAttribute(created, 'name'),
        arn: props.topicArn,
        count: props.count,
      });
      this.rules.push(created);
      return created;
    };

    // Service ARNs of this cluster only: arn:aws:ecs:region:account:service/{cluster}/{service}.
    const services = [{ wildcard: `arn:*:ecs:*:*:service/${props.clusterName}/*` }];
    rule('ecs-deployment-failed', `A deployment of a service of ${props.clusterName} failed or was rolled back by the circuit breaker`, {
      source: ['aws.ecs'],
      'detail-type': ['ECS Deployment State Change'],
      resources: services,
      detail: {
        $or: [{ eventName: ['SERVICE_DEPLOYMENT_FAILED'] }, { reason: [{ wildcard: '*rolling back*' }] }, { reason: [{ wildcard: '*rolled back*' }] }],
      },
    });
    rule('ecs-image-pull-failed', `A task of ${props.clusterName} stopped because its image or registry credentials could not be fetched`, {
      source: ['aws.ecs'],
      'detail-type': ['ECS Task State Change'],
      detail: {
        clusterArn: [props.cluster.arn],
        lastStatus: ['STOPPED'],
        stoppedReason: PULL_FAILURE_PREFIXES.map((prefix) => ({ prefix })),
      },
    });
    rule('certificate-expiring', 'The certificate the load balancer serves approaches expiration (ACM sends this daily from 45 days before)', {
      source: ['aws.acm'],
      'detail-type': ['ACM Certificate Approaching Expiration'],
      resources: [props.certificateArn],
    });

    this.databaseSubscription = new DbEventSubscription(this, 'database', {
      name: `${props.name}-database`,
      snsTopic: props.topicArn,
      sourceType: 'db-instance',
      sourceIds: [props.database.identifier],
      eventCategories: [...DB_EVENT_CATEGORIES],
      count: props.count,
    });
  }
}
