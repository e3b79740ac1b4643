import { Lb } from '@cdktn/provider-aws/lib/lb';
import { LbListener } from '@cdktn/provider-aws/lib/lb-listener';
import { LbListenerRule } from '@cdktn/provider-aws/lib/lb-listener-rule';
import { LbTargetGroup } from '@cdktn/provider-aws/lib/lb-target-group';
import { TerraformVariable } from 'cdktn';
import { Alb, AlbProps } from '../../modules/alb';
import { AddressedStack } from '../../lib/addresses';
import { addresses, resource } from '../helpers';
import { network } from './ecs-fixtures';
import { moduleStack } from './module-stack';

const CERTIFICATE = 'arn:aws:acm:us-east-1:123456789012:certificate/abc';

/** The module in a bare stack; `extra` may create what it needs (a variable) in that stack. */
function build(extra: Partial<AlbProps> | ((stack: AddressedStack) => Partial<AlbProps>) = {}) {
  return moduleStack((stack) => {
    const net = network(stack);
    new Alb(stack, 'alb', {
      namePrefix: 'everruns',
      environment: 'production',
      vpc: net.vpc,
      publicSubnets: net.publicSubnets,
      securityGroup: net.albSecurityGroup,
      certificateArn: CERTIFICATE,
      apiPort: 9000,
      uiPort: 3000,
      ...(typeof extra === 'function' ? extra(stack) : extra),
    });
  });
}

const { text, json } = build();
const rule = (name: string) => resource(json, 'aws_lb_listener_rule', name);

describe('alb: load balancer', () => {
  test('addresses are alb_<spec name> without hashes', () => {
    expect(addresses(json).filter((address) => address.includes('.alb_'))).toEqual([
      'aws_lb.alb_main',
      'aws_lb_listener.alb_http',
      'aws_lb_listener.alb_https',
      'aws_lb_listener_rule.alb_api',
      'aws_lb_listener_rule.alb_health',
      'aws_lb_listener_rule.alb_openapi',
      'aws_lb_listener_rule.alb_swagger',
      'aws_lb_target_group.alb_api_target_group',
      'aws_lb_target_group.alb_ui_target_group',
    ]);
  });

  test('internet-facing application ALB in the public subnets with the ALB security group', () => {
    expect(text).toHaveResourceWithProperties(Lb, {
      name: 'everruns-production',
      internal: false,
      load_balancer_type: 'application',
      subnets: ['${aws_subnet.public_0.id}', '${aws_subnet.public_1.id}'],
      security_groups: ['${aws_security_group.lb_sg.id}'],
      drop_invalid_header_fields: true,
    });
  });

  test('deletion protection is on by default (spec)', () => {
    expect(text).toHaveResourceWithProperties(Lb, { enable_deletion_protection: true });
  });

  test('deletion protection can come from a variable, so destroy is possible', () => {
    const { text: switched } = build((stack) => ({
      deletionProtection: new TerraformVariable(stack, 'alb_deletion_protection', { type: 'bool', default: true }).booleanValue,
    }));
    expect(switched).toHaveResourceWithProperties(Lb, { enable_deletion_protection: '${var.alb_deletion_protection}' });
  });
});

describe('alb: listeners', () => {
  test('HTTP :80 redirects to HTTPS :443 with 301', () => {
    expect(text).toHaveResourceWithProperties(LbListener, {
      load_balancer_arn: '${aws_lb.alb_main.arn}',
      port: 80,
      protocol: 'HTTP',
      default_action: [{ type: 'redirect', redirect: { port: '443', protocol: 'HTTPS', status_code: 'HTTP_301' } }],
    });
  });

  test('HTTPS :443 with the TLS 1.3 policy and the certificate, default to the UI', () => {
    expect(text).toHaveResourceWithProperties(LbListener, {
      port: 443,
      protocol: 'HTTPS',
      ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
      certificate_arn: CERTIFICATE,
      default_action: [{ type: 'forward', target_group_arn: '${aws_lb_target_group.alb_ui_target_group.arn}' }],
    });
  });
});

describe('alb: target groups', () => {
  test('api: 9000, ip targets, 30 s drain, GET /health expecting 200 every 30 s', () => {
    expect(text).toHaveResourceWithProperties(LbTargetGroup, {
      name: 'everruns-production-api',
      port: 9000,
      protocol: 'HTTP',
      vpc_id: '${aws_vpc.vpc.id}',
      target_type: 'ip',
      deregistration_delay: '15',
      health_check: { enabled: true, path: '/health', port: 'traffic-port', protocol: 'HTTP', matcher: '200', interval: 10, timeout: 5, healthy_threshold: 2, unhealthy_threshold: 3 },
    });
  });

  test('ui: 3000, ip targets, 30 s drain, GET / expecting 200 every 30 s by default', () => {
    expect(text).toHaveResourceWithProperties(LbTargetGroup, {
      name: 'everruns-production-ui',
      port: 3000,
      target_type: 'ip',
      deregistration_delay: '15',
      health_check: expect.objectContaining({ path: '/', matcher: '200', interval: 10 }),
    });
  });

  test('ui success codes are configurable (a Next.js redirect answers 307)', () => {
    expect(resource(build({ uiHealthCheckSuccessCodes: '200-399' }).json, 'aws_lb_target_group', 'alb_ui_target_group').health_check.matcher).toBe(
      '200-399',
    );
  });

  test('names from variables are checked at their longest allowed length, and fit', () => {
    const { json: tokens } = moduleStack((stack) => {
      const net = network(stack);
      const prefix = new TerraformVariable(stack, 'name_prefix', { type: 'string' });
      const environment = new TerraformVariable(stack, 'environment', { type: 'string' });
      new Alb(stack, 'alb', {
        namePrefix: prefix.stringValue,
        environment: environment.stringValue,
        vpc: net.vpc,
        publicSubnets: net.publicSubnets,
        securityGroup: net.albSecurityGroup,
        certificateArn: CERTIFICATE,
        apiPort: 9000,
        uiPort: 3000,
      });
    });
    expect(resource(tokens, 'aws_lb_target_group', 'alb_api_target_group').name).toBe('${var.name_prefix}-${var.environment}-api');
  });

  test('a name beyond 32 characters fails at synth time', () => {
    expect(() => build({ namePrefix: 'everruns-xyz', environment: 'production-eu-west' })).toThrow(
      'The load balancer name "everruns-xyz-production-eu-west-api" can be 35 characters long; AWS allows 32. Use a shorter name prefix or environment.',
    );
  });
});

describe('alb: listener rules', () => {
  test.each([
    ['alb_api', 10, ['/api/*']],
    ['alb_health', 20, ['/health']],
    ['alb_swagger', 30, ['/swagger-ui', '/swagger-ui/*']],
    ['alb_openapi', 40, ['/api-doc/*']],
  ])('%s: priority %d forwards %j to the API', (name, priority, paths) => {
    expect(rule(name)).toEqual(
      expect.objectContaining({
        listener_arn: '${aws_lb_listener.alb_https.arn}',
        priority,
        action: [{ type: 'forward', target_group_arn: '${aws_lb_target_group.alb_api_target_group.arn}' }],
        condition: [{ path_pattern: { values: paths } }],
      }),
    );
  });

  test('alb_api strips /api: the UI calls /api/v1/..., the API serves /v1/...', () => {
    expect(rule('alb_api').transform).toEqual([{ type: 'url-rewrite', url_rewrite_config: { rewrite: { regex: '^/api/(.*)$', replace: '/$1' } } }]);
  });

  test.each(['alb_health', 'alb_swagger', 'alb_openapi'])('%s forwards the path unchanged (the API never prefixes it)', (name) => {
    expect(rule(name).transform).toBeUndefined();
  });

  test('paths are configurable', () => {
    const { json: custom } = build({ apiRoutes: [{ name: 'api', paths: ['/api/*', '/v2/*'] }] });
    expect(resource(custom, 'aws_lb_listener_rule', 'alb_api').condition).toEqual([{ path_pattern: { values: ['/api/*', '/v2/*'] } }]);
    expect(Object.keys(custom.resource.aws_lb_listener_rule)).toEqual(['alb_api']);
  });

  test('more than 5 paths in a rule fail at synth time', () => {
    expect(() => build({ apiRoutes: [{ name: 'api', paths: ['/a', '/b', '/c', '/d', '/e', '/f'] }] })).toThrow(
      'Alb route "api" has 6 paths; ALB allows 1 to 5 per rule, split it into several routes.',
    );
  });

  test('a route name used twice fails', () => {
    expect(() => build({ apiRoutes: [{ name: 'api', paths: ['/a'] }, { name: 'api', paths: ['/b'] }] })).toThrow(
      'Alb route name "api" is used twice; give each route its own name.',
    );
  });

  test('rules get unique priorities in the given order', () => {
    const { text: custom } = build({ apiRoutes: [{ name: 'first', paths: ['/a'] }, { name: 'second', paths: ['/b'] }] });
    expect(custom).toHaveResourceWithProperties(LbListenerRule, { priority: 10, condition: [{ path_pattern: { values: ['/a'] } }] });
    expect(custom).toHaveResourceWithProperties(LbListenerRule, { priority: 20, condition: [{ path_pattern: { values: ['/b'] } }] });
  });
});
