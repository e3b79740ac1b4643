import { CloudwatchLogGroup } from '@cdktn/provider-aws/lib/cloudwatch-log-group';
import { EcsCluster } from '@cdktn/provider-aws/lib/ecs-cluster';
import { IamRole } from '@cdktn/provider-aws/lib/iam-role';
import { LbTargetGroup } from '@cdktn/provider-aws/lib/lb-target-group';
import { SecretsmanagerSecret } from '@cdktn/provider-aws/lib/secretsmanager-secret';
import { SecurityGroup } from '@cdktn/provider-aws/lib/security-group';
import { ServiceDiscoveryPrivateDnsNamespace } from '@cdktn/provider-aws/lib/service-discovery-private-dns-namespace';
import { Subnet } from '@cdktn/provider-aws/lib/subnet';
import { Vpc } from '@cdktn/provider-aws/lib/vpc';
import { Construct } from 'constructs';

/** The few provider resources the ECS modules take as inputs, built in a test stack. */
export function network(scope: Construct) {
  const vpc = new Vpc(scope, 'vpc', { cidrBlock: '10.0.0.0/16' });
  const subnet = (id: string, cidrBlock: string) => new Subnet(scope, id, { vpcId: vpc.id, cidrBlock });
  return {
    vpc,
    publicSubnets: [subnet('public-0', '10.0.1.0/24'), subnet('public-1', '10.0.2.0/24')],
    privateSubnets: [subnet('private-0', '10.0.10.0/24'), subnet('private-1', '10.0.11.0/24')],
    albSecurityGroup: new SecurityGroup(scope, 'lb-sg', { vpcId: vpc.id }),
    ecsSecurityGroup: new SecurityGroup(scope, 'ecs-sg', { vpcId: vpc.id }),
  };
}

export function secrets(scope: Construct) {
  return {
    db: new SecretsmanagerSecret(scope, 'db-secret', { name: 'test/database' }),
    openai: new SecretsmanagerSecret(scope, 'openai-secret', { name: 'test/openai-api-key' }),
    registry: new SecretsmanagerSecret(scope, 'registry-secret', { name: 'test/github-token' }),
  };
}

/** What an ECS service is placed in: cluster, roles, log group, private subnets, ECS security group. */
export function placement(scope: Construct) {
  const net = network(scope);
  const role = (id: string) => new IamRole(scope, id, { assumeRolePolicy: '{}' });
  return {
    net,
    namespace: new ServiceDiscoveryPrivateDnsNamespace(scope, 'namespace', { name: 'everruns.local', vpc: net.vpc.id }),
    targetGroup: new LbTargetGroup(scope, 'target-group', { port: 9000, protocol: 'HTTP', targetType: 'ip', vpcId: net.vpc.id }),
    inCluster: {
      environment: 'production',
      cluster: new EcsCluster(scope, 'cluster', { name: 'everruns-production' }),
      executionRole: role('execution-role'),
      taskRole: role('task-role'),
      logGroup: new CloudwatchLogGroup(scope, 'log-group', { name: '/ecs/everruns-production' }),
      region: 'us-east-1',
      subnets: net.privateSubnets,
      securityGroups: [net.ecsSecurityGroup],
    },
  };
}

/** The parsed `container_definitions` of a task definition in a synthesized stack. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function containers(json: Record<string, any>, name: string): any[] {
  return JSON.parse(json.resource.aws_ecs_task_definition[name].container_definitions);
}
