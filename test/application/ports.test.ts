import type { TerraformJson } from '../helpers';

// The application contract is the one source of the ports: synthesized with other
// ports in it, the stack uses them everywhere and the old ones nowhere.
function synthesizedWith(ports: { api: number; ui: number; grpc: number }): { text: string; json: TerraformJson } {
  let result: { text: string; json: TerraformJson } | undefined;
  jest.isolateModules(() => {
    const contract = require('../../application/contract');
    Object.assign(contract.PORTS, ports);
    const { ProductionStack } = require('../../stacks/production/stack');
    const { synthesize } = require('../helpers');
    result = synthesize((app: unknown) => new ProductionStack(app, 'production'));
  });
  return result!;
}

const { text, json } = synthesizedWith({ api: 9100, ui: 3100, grpc: 9101 });
const resource = (type: string, name: string) => json.resource[type][name];

test('the old ports appear nowhere in the synthesized stack', () => {
  for (const old of ['9000', '3000', '9001']) expect(text.match(new RegExp(`\\b${old}\\b`, 'g')) ?? []).toEqual([]);
});

test('the target groups and the service load balancer use the contract ports', () => {
  expect(resource('aws_lb_target_group', 'alb_api_target_group').port).toBe(9100);
  expect(resource('aws_lb_target_group', 'alb_ui_target_group').port).toBe(3100);
  expect(resource('aws_ecs_service', 'api_service').load_balancer[0].container_port).toBe(9100);
  expect(resource('aws_ecs_service', 'ui_service').load_balancer[0].container_port).toBe(3100);
});

test('the security groups allow exactly the contract ports', () => {
  expect(resource('aws_vpc_security_group_ingress_rule', 'networking_api_from_alb_9100').from_port).toBe(9100);
  expect(resource('aws_vpc_security_group_ingress_rule', 'networking_ui_from_alb_3100').to_port).toBe(3100);
  expect(resource('aws_vpc_security_group_ingress_rule', 'networking_api_from_worker_9101').from_port).toBe(9101);
});

test('the containers listen, and are told to listen, on the contract ports', () => {
  const containers = (local: string) => JSON.parse(json.locals[local]);
  expect(containers('api_containers_control_plane')[0].portMappings.map((p: { containerPort: number }) => p.containerPort)).toEqual([9100, 9101]);
  const [ui] = JSON.parse(resource('aws_ecs_task_definition', 'ui_task_definition').container_definitions);
  expect(ui.environment).toContainEqual({ name: 'PORT', value: '3100' });
  const [worker] = containers('worker_containers_control_plane');
  expect(worker.environment).toContainEqual({ name: 'GRPC_ADDRESS', value: 'control-plane.everruns.local:9101' });
});
