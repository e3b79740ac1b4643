import { ProductionStack } from '../../stacks/production/stack';
import { containersIn, existsIn, resource, synthesize, valueIn } from '../helpers';
import { THREE_LINES } from './third-line';

// A release line is data: one entry of RELEASE_LINES (see third-line.ts).
const { json } = synthesize((app) => new ProductionStack(app, 'production', { lines: THREE_LINES }));

describe('a third release line', () => {
  test('everruns_architecture accepts it, and names it in its description and message', () => {
    const variable = json.variable.everruns_architecture;
    expect(variable.validation[0].condition).toBe('${contains(["temporal", "control-plane", "canary"], var.everruns_architecture)}');
    expect(variable.description).toContain('or canary (a throwaway line of the tests, the control plane again)');
    expect(variable.validation[0].error_message).toContain('or canary (test images)');
  });

  test('its containers are its own set in each task definition that differs by line', () => {
    const api = resource(json, 'aws_ecs_task_definition', 'api_task_definition');
    expect(containersIn(json, api, 'canary').map((c: { name: string }) => c.name)).toEqual(['everruns-control-plane', 'everruns-migrate']);
    expect(valueIn(api.family, 'canary')).toBe('everruns-control-plane-${var.environment}');
    expect(json.locals.api_containers_canary).toBeDefined();
    expect(json.locals.worker_containers_canary).toBeDefined();
    expect(json.locals.admin_containers_canary).toBeDefined();
  });

  test('it has no Temporal server, and shares the Cloud Map name of the line it copies', () => {
    expect(existsIn(resource(json, 'aws_ecs_service', 'temporal_service'), 'canary')).toBe(false);
    expect(existsIn(resource(json, 'aws_security_group', 'networking_temporal'), 'canary')).toBe(false);
    const discovery = resource(json, 'aws_service_discovery_service', 'control_plane_discovery');
    expect(['temporal', 'control-plane', 'canary'].map((line) => existsIn(discovery, line))).toEqual([false, true, true]);
  });

  test('its flows decide its rules: the worker reaches the database in the Temporal line and in it, not in the control plane', () => {
    const rule = resource(json, 'aws_vpc_security_group_egress_rule', 'networking_worker_to_rds_5432');
    expect(['temporal', 'control-plane', 'canary'].map((line) => existsIn(rule, line))).toEqual([true, false, true]);
    const grpc = resource(json, 'aws_vpc_security_group_ingress_rule', 'networking_api_from_worker_9001');
    expect(['temporal', 'control-plane', 'canary'].map((line) => existsIn(grpc, line))).toEqual([false, true, true]);
  });

  test('the rules every line has stay without a count', () => {
    expect(resource(json, 'aws_vpc_security_group_ingress_rule', 'networking_api_from_alb_9000').count).toBeUndefined();
    expect(resource(json, 'aws_vpc_security_group_egress_rule', 'networking_worker_to_internet_443').count).toBeUndefined();
  });
});
