import { EcsService as EcsServiceResource } from '@cdktn/provider-aws/lib/ecs-service';
import { EcsTaskDefinition } from '@cdktn/provider-aws/lib/ecs-task-definition';
import { LbListener } from '@cdktn/provider-aws/lib/lb-listener';
import { ServiceDiscoveryService } from '@cdktn/provider-aws/lib/service-discovery-service';
import { ContainerSet, EcsService, EcsServiceProps } from '../../modules/ecs-service';
import { addresses, resource } from '../helpers';
import { containers, placement, secrets } from './ecs-fixtures';
import { moduleStack } from './module-stack';

type Extra = Partial<EcsServiceProps> & { routed?: boolean; discovered?: boolean; set?: Partial<ContainerSet> };

/** One `api` service in a test stack; `extra` overrides the props. */
function build(extra: Extra = {}) {
  return moduleStack((stack) => {
    const { inCluster, namespace, targetGroup, net } = placement(stack);
    const secret = secrets(stack);
    const listener = new LbListener(stack, 'listener', {
      loadBalancerArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/x/1',
      port: 443,
      defaultAction: [{ type: 'forward', targetGroupArn: targetGroup.arn }],
    });
    void net;
    const { routed, discovered, set, ...props } = extra;
    new EcsService(stack, 'api', {
      ...inCluster,
      serviceName: 'everruns-api',
      containers: {
        image: 'ghcr.io/everruns/everruns-api:latest',
        environmentVariables: { HOST: '0.0.0.0', PORT: '9000' },
        secrets: { DATABASE_URL: { secret: secret.db, jsonKey: 'connection_string' }, WHOLE: { secret: secret.openai } },
        ...set,
      },
      port: 9000,
      repositoryCredentials: secret.registry,
      ...(routed ? { targetGroup, targetGroupRouting: [listener] } : {}),
      ...(discovered ? { serviceDiscoveryNamespace: namespace } : {}),
      ...props,
    });
  });
}

describe('ecs-service: task definition', () => {
  const { text, json } = build();
  const [container] = containers(json, 'api_task_definition');

  test('family {service}-{environment}, awsvpc, FARGATE, 256/512 by default, the cluster roles', () => {
    expect(text).toHaveResourceWithProperties(EcsTaskDefinition, {
      family: 'everruns-api-production',
      network_mode: 'awsvpc',
      requires_compatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
      execution_role_arn: '${aws_iam_role.execution_role.arn}',
      task_role_arn: '${aws_iam_role.task_role.arn}',
    });
  });

  test('one essential container named after the service, with the image', () => {
    expect(containers(json, 'api_task_definition')).toHaveLength(1);
    expect(container).toEqual(expect.objectContaining({ name: 'everruns-api', image: 'ghcr.io/everruns/everruns-api:latest', essential: true }));
  });

  test('maps the port over tcp', () => {
    expect(container.portMappings).toEqual([{ containerPort: 9000, hostPort: 9000, protocol: 'tcp' }]);
  });

  test('environment variables in the given order', () => {
    expect(container.environment).toEqual([
      { name: 'HOST', value: '0.0.0.0' },
      { name: 'PORT', value: '9000' },
    ]);
  });

  test('secrets as valueFrom ARN:json-key:: or the whole secret', () => {
    expect(container.secrets).toEqual([
      { name: 'DATABASE_URL', valueFrom: '${aws_secretsmanager_secret.db_secret.arn}:connection_string::' },
      { name: 'WHOLE', valueFrom: '${aws_secretsmanager_secret.openai_secret.arn}' },
    ]);
  });

  test('logs to the cluster log group with the service as stream prefix', () => {
    expect(container.logConfiguration).toEqual({
      logDriver: 'awslogs',
      options: {
        'awslogs-group': '${aws_cloudwatch_log_group.log_group.name}',
        'awslogs-region': 'us-east-1',
        'awslogs-stream-prefix': 'everruns-api',
      },
    });
  });

  test('pulls with the registry credentials secret', () => {
    expect(container.repositoryCredentials).toEqual({ credentialsParameter: '${aws_secretsmanager_secret.registry_secret.arn}' });
  });

  test('has no container health check unless asked', () => {
    expect(container.healthCheck).toBeUndefined();
  });

  test('a health check gets the spec timings by default', () => {
    const [checked] = containers(build({ healthCheck: { command: ['CMD-SHELL', 'true'] } }).json, 'api_task_definition');
    expect(checked.healthCheck).toEqual({ command: ['CMD-SHELL', 'true'], interval: 30, timeout: 5, retries: 3, startPeriod: 60 });
  });

  test('a service without a port has no port mappings', () => {
    const [worker] = containers(build({ port: undefined }).json, 'api_task_definition');
    expect(worker.portMappings).toBeUndefined();
  });

  test('sidecars are non-essential by default and share the log configuration', () => {
    const { json: withSidecar } = build({
      set: {
        sidecars: [{ name: 'init', image: 'busybox:1', command: ['true'] }],
        containerDependsOn: [{ containerName: 'init', condition: 'SUCCESS' }],
      },
    });
    const [main, init] = containers(withSidecar, 'api_task_definition');
    expect(main.dependsOn).toEqual([{ containerName: 'init', condition: 'SUCCESS' }]);
    expect(init).toEqual(expect.objectContaining({ name: 'init', image: 'busybox:1', essential: false, command: ['true'] }));
    expect(init.logConfiguration.options['awslogs-stream-prefix']).toBe('everruns-api');
  });
});

describe('ecs-service: service', () => {
  test('Fargate in the private subnets without public IP, desired count 1, circuit breaker with rollback', () => {
    expect(build().text).toHaveResourceWithProperties(EcsServiceResource, {
      name: 'everruns-api',
      cluster: '${aws_ecs_cluster.cluster.id}',
      task_definition: '${aws_ecs_task_definition.api_task_definition.arn}',
      launch_type: 'FARGATE',
      desired_count: 1,
      deployment_minimum_healthy_percent: 100,
      deployment_maximum_percent: 200,
      deployment_circuit_breaker: { enable: true, rollback: true },
      network_configuration: {
        subnets: ['${aws_subnet.private_0.id}', '${aws_subnet.private_1.id}'],
        security_groups: ['${aws_security_group.ecs_sg.id}'],
        assign_public_ip: false,
      },
    });
  });

  test('with a target group: registers the container port and gets a 60 s grace period', () => {
    const service = resource(build({ routed: true }).json, 'aws_ecs_service', 'api_service');
    expect(service.load_balancer).toEqual([
      { target_group_arn: '${aws_lb_target_group.target_group.arn}', container_name: 'everruns-api', container_port: 9000 },
    ]);
    expect(service.health_check_grace_period_seconds).toBe(60);
  });

  test('with a target group: waits for the listener routing to it', () => {
    expect(resource(build({ routed: true }).json, 'aws_ecs_service', 'api_service').depends_on).toEqual(['aws_lb_listener.listener']);
  });

  test('without a target group (the worker): no grace period, which ECS would reject', () => {
    const service = resource(build({ port: undefined }).json, 'aws_ecs_service', 'api_service');
    expect(service).not.toHaveProperty('health_check_grace_period_seconds');
    expect(service).not.toHaveProperty('load_balancer');
  });

  test('without a target group and dependencies: no depends_on', () => {
    expect(resource(build().json, 'aws_ecs_service', 'api_service')).not.toHaveProperty('depends_on');
  });

  test('not registered in Cloud Map by default', () => {
    const { json } = build();
    expect(addresses(json)).not.toContain('aws_service_discovery_service.api_service_discovery');
    expect(resource(json, 'aws_ecs_service', 'api_service')).not.toHaveProperty('service_registries');
  });

  test('Cloud Map: A records, MULTIVALUE, TTL 10 s, force_destroy, and the service registers in it', () => {
    const { text, json } = build({ discovered: true, serviceDiscoveryName: 'api' });
    expect(text).toHaveResourceWithProperties(ServiceDiscoveryService, {
      name: 'api',
      namespace_id: '${aws_service_discovery_private_dns_namespace.namespace.id}',
      force_destroy: true,
      dns_config: {
        namespace_id: '${aws_service_discovery_private_dns_namespace.namespace.id}',
        routing_policy: 'MULTIVALUE',
        dns_records: [{ type: 'A', ttl: 10 }],
      },
    });
    expect(resource(json, 'aws_ecs_service', 'api_service').service_registries).toEqual({
      registry_arn: '${aws_service_discovery_service.api_service_discovery.arn}',
    });
  });

  test('addresses are <module>_<name> without hashes', () => {
    const own = addresses(build({ discovered: true }).json).filter((address) => address.includes('.api_'));
    expect(own).toEqual([
      'aws_ecs_service.api_service',
      'aws_ecs_task_definition.api_task_definition',
      'aws_service_discovery_service.api_service_discovery',
    ]);
  });
});

describe('ecs-service: synth-time errors', () => {
  test('an invalid Fargate cpu names the valid ones', () => {
    expect(() => build({ cpu: 300 })).toThrow(
      'Service "everruns-api": cpu 300 is not a Fargate task size; use one of 256, 512, 1024, 2048, 4096, 8192, 16384.',
    );
  });

  test('memory that does not fit the cpu lists the valid memory values', () => {
    expect(() => build({ cpu: 256, memory: 4096 })).toThrow(
      'Service "everruns-api": memory 4096 MiB does not fit cpu 256 on Fargate; with cpu 256 use 512, 1024, 2048.',
    );
  });

  test('a range of valid memory values is given as a range', () => {
    expect(() => build({ cpu: 2048, memory: 2048 })).toThrow('with cpu 2048 use 4096 to 16384 in steps of 1024.');
  });

  test.each([
    [512, 1024],
    [1024, 8192],
    [4096, 30720],
    [8192, 61440],
    [16384, 122880],
  ])('cpu %d with memory %d is accepted', (cpu, memory) => {
    expect(() => build({ cpu, memory })).not.toThrow();
  });

  test('a grace period without a target group fails instead of being rejected by ECS', () => {
    expect(() => build({ healthCheckGracePeriodSeconds: 30 })).toThrow(
      'Service "everruns-api": healthCheckGracePeriodSeconds only applies with a targetGroup; remove it.',
    );
  });

  test('a target group without a port fails', () => {
    expect(() => build({ routed: true, port: undefined })).toThrow('Service "everruns-api": a target group needs the container port; set port.');
  });

  test('a health check start period beyond ECS limit fails', () => {
    expect(() => build({ healthCheck: { command: ['CMD-SHELL', 'true'], startPeriod: 301 } })).toThrow(
      "Service \"everruns-api\": health check startPeriod 301 is outside ECS's limits; use a whole number from 0 to 300.",
    );
  });

  test('a port outside 1-65535 fails', () => {
    expect(() => build({ port: 70000 })).toThrow('Service "everruns-api": port 70000 is not a TCP port; use a whole number from 1 to 65535.');
  });
});
