import { Lb } from '@cdktn/provider-aws/lib/lb';
import { LbListener } from '@cdktn/provider-aws/lib/lb-listener';
import { LbListenerRule } from '@cdktn/provider-aws/lib/lb-listener-rule';
import { LbTargetGroup } from '@cdktn/provider-aws/lib/lb-target-group';
import { SecurityGroup } from '@cdktn/provider-aws/lib/security-group';
import { Subnet } from '@cdktn/provider-aws/lib/subnet';
import { Vpc } from '@cdktn/provider-aws/lib/vpc';
import { Fn, IResolvable, ITerraformDependable, TerraformIterator, TerraformLocal, Token } from 'cdktn';
import { Construct } from 'constructs';
import { lbName } from './names';
import { AlbSignIn, actionSequence, signInActions } from './sign-in';

export { MAX_LB_NAME_LENGTH, lbName } from './names';
export { DEFAULT_SIGN_IN_SCOPE } from './sign-in';
export type { AlbSignIn, CognitoSignIn, OidcSignIn } from './sign-in';

/** ALB allows 5 condition values per rule: the `/api/*` path and 4 source ranges. */
export const API_CLIENT_CIDRS_PER_RULE = 4;
/** API client rules take priorities 1-9, before the first route's 10. */
export const MAX_API_CLIENT_RULES = 9;

/** TLS 1.3 and 1.2 only, AWS's recommended policy for HTTPS listeners. */
export const TLS_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';

/** A listener rule that forwards some paths to the API. */
export interface ApiRoute {
  /** The rule's construct id, kebab-case: `api` gives `aws_lb_listener_rule.alb_api`. */
  readonly name: string;
  /** Path patterns (`*` and `?` wildcards); ALB allows 5 per rule. */
  readonly paths: string[];
  /** Rewrite the path before forwarding (an ALB `url-rewrite` transform, RE2 syntax). @default - forwarded as is */
  readonly rewrite?: PathRewrite;
}

/** `regex` is matched against the request path; `replace` may use its groups (`$1`). */
export interface PathRewrite {
  readonly regex: string;
  readonly replace: string;
}

/**
 * The spec's four rules at its priorities, fitted to the application: the UI
 * calls `/api/v1/...` while the API serves `/v1/...`, so the ALB strips `/api`
 * (what the application's own docs ask of a reverse proxy, and it works for
 * every image, whether it reads `API_PREFIX` or not). Swagger UI is served at
 * `/swagger-ui` and its document at `/api-doc/openapi.json`, never prefixed.
 * Rule `openapi` keeps its address with the application's real path.
 */
export const DEFAULT_API_ROUTES: readonly ApiRoute[] = [
  { name: 'api', paths: ['/api/*'], rewrite: { regex: '^/api/(.*)$', replace: '/$1' } },
  { name: 'health', paths: ['/health'] },
  { name: 'swagger', paths: ['/swagger-ui', '/swagger-ui/*'] },
  { name: 'openapi', paths: ['/api-doc/*'] },
];

/** Ids of the module's other resources, which a route cannot take. */
const RESERVED_IDS = ['main', 'http', 'https', 'api-target-group', 'ui-target-group', 'api-clients', 'api-client-ranges', 'forward-actions'];

/** ALB's limit on condition values per rule. */
const MAX_PATHS_PER_RULE = 5;

export interface AlbProps {
  /** First part of every name: the ALB is `{namePrefix}-{environment}`. */
  readonly namePrefix: string;
  readonly environment: string;
  readonly vpc: Vpc;
  /** At least two, in different availability zones. */
  readonly publicSubnets: Subnet[];
  readonly securityGroup: SecurityGroup;
  /** A validated certificate (`aws_acm_certificate_validation.certificate_arn`), so the listener waits for it. */
  readonly certificateArn: string;
  /** Keep AWS from deleting the ALB; `terraform destroy` needs it off. @default true */
  readonly deletionProtection?: boolean | IResolvable;
  /** HTTP codes that mean the UI is healthy on `GET /`. @default "200" */
  readonly uiHealthCheckSuccessCodes?: string;
  /** Rules sending paths to the API, highest priority first; the rest goes to the UI. @default DEFAULT_API_ROUTES */
  readonly apiRoutes?: readonly ApiRoute[];
  /** The port the API's tasks serve on: its target group's. */
  readonly apiPort: number;
  /** The port the UI's tasks serve on: its target group's. */
  readonly uiPort: number;
  /** Seconds a target drains before ECS stops it. @default 15 */
  readonly deregistrationDelaySeconds?: number;
  /** Request logs to S3; the ALB is created after `dependsOn` (the bucket policy ELB checks). @default - none */
  readonly accessLogs?: AlbAccessLogsTarget;
}

/** Where the ALB writes request logs when `enabled` (a Terraform bool). */
export interface AlbAccessLogsTarget {
  readonly enabled: boolean | IResolvable;
  /** The bucket name, or an empty string while disabled. */
  readonly bucket: string;
  readonly prefix: string;
  readonly dependsOn: ITerraformDependable[];
}

/**
 * Spec module 7: the internet-facing ALB. HTTP redirects to HTTPS; HTTPS
 * (TLS 1.2+) forwards the API's paths to the API target group and the rest to
 * the UI. Target groups are `ip` targets (Fargate's awsvpc tasks) and drain
 * for 30 s instead of 300 s so a deployment finishes within minutes.
 */
export class Alb extends Construct {
  public readonly loadBalancer: Lb;
  public readonly httpListener: LbListener;
  public readonly httpsListener: LbListener;
  public readonly apiTargetGroup: LbTargetGroup;
  public readonly uiTargetGroup: LbTargetGroup;
  /** In priority order. */
  public readonly apiRules: LbListenerRule[];
  /** What a service in the API target group waits for: the HTTPS listener and the API rules. */
  public readonly apiRouting: ITerraformDependable[];
  /** What a service in the UI target group waits for: the HTTPS listener. */
  public readonly uiRouting: ITerraformDependable[];
  /** Rules letting `allowApiClients` ranges reach the API without sign-in, once it was called. */
  public apiClientRules?: LbListenerRule;
  private readonly routes: readonly ApiRoute[];

  constructor(scope: Construct, id: string, props: AlbProps) {
    super(scope, id);
    const routes = props.apiRoutes ?? DEFAULT_API_ROUTES;
    validateRoutes(routes);
    this.routes = routes;
    // Requests the API and UI answer take seconds; every second here is a second of every rolling update.
    const drain = props.deregistrationDelaySeconds ?? 15;
    if (!Number.isInteger(drain) || drain < 0 || drain > 3600) {
      throw new Error(`Alb deregistrationDelaySeconds ${drain} is outside AWS's range; use a whole number from 0 to 3600.`);
    }

    const name = lbName(props.namePrefix, props.environment);
    this.loadBalancer = new Lb(this, 'main', {
      name,
      tags: { Name: name },
      internal: false,
      loadBalancerType: 'application',
      securityGroups: [props.securityGroup.id],
      subnets: props.publicSubnets.map((subnet) => subnet.id),
      enableDeletionProtection: props.deletionProtection ?? true,
      // Requests with malformed headers are dropped instead of reaching the services.
      dropInvalidHeaderFields: true,
      accessLogs: props.accessLogs
        ? { enabled: props.accessLogs.enabled, bucket: props.accessLogs.bucket, prefix: props.accessLogs.prefix }
        : undefined,
      dependsOn: props.accessLogs?.dependsOn,
    });

    // Ids `api-target-group`/`ui-target-group`: the spec's `api` is the listener rule's address.
    const targetGroup = (service: string, port: number, path: string, matcher: string) =>
      new LbTargetGroup(this, `${service}-target-group`, {
        name: lbName(props.namePrefix, props.environment, service),
        port,
        protocol: 'HTTP',
        vpcId: props.vpc.id,
        // Fargate tasks (awsvpc) register by IP; the default "instance" type rejects them.
        targetType: 'ip',
        // The default 300 s drain alone would break the spec's "updates in < 5 minutes".
        deregistrationDelay: String(drain),
        healthCheck: {
          enabled: true,
          path,
          port: 'traffic-port',
          protocol: 'HTTP',
          matcher,
          // A new task is healthy after 2 passing checks: 10 s apart, a rollout waits ~15 s instead of ~45 s
          // (the API answers /health at once, without the database; the UI is a Next.js server).
          interval: 10,
          timeout: 5,
          healthyThreshold: 2,
          unhealthyThreshold: 3,
        },
      });
    this.apiTargetGroup = targetGroup('api', props.apiPort, '/health', '200');
    this.uiTargetGroup = targetGroup('ui', props.uiPort, '/', props.uiHealthCheckSuccessCodes ?? '200');

    this.httpListener = new LbListener(this, 'http', {
      loadBalancerArn: this.loadBalancer.arn,
      port: 80,
      protocol: 'HTTP',
      defaultAction: [{ type: 'redirect', redirect: { port: '443', protocol: 'HTTPS', statusCode: 'HTTP_301' } }],
    });

    this.httpsListener = new LbListener(this, 'https', {
      loadBalancerArn: this.loadBalancer.arn,
      port: 443,
      protocol: 'HTTPS',
      sslPolicy: TLS_POLICY,
      certificateArn: props.certificateArn,
      defaultAction: [{ type: 'forward', targetGroupArn: this.uiTargetGroup.arn }],
    });

    // Priorities 10, 20, ... in the given order: unique, stable, with room to insert a rule between two.
    this.apiRules = routes.map(
      (route, index) =>
        new LbListenerRule(this, route.name, {
          listenerArn: this.httpsListener.arn,
          priority: (index + 1) * 10,
          action: [{ type: 'forward', targetGroupArn: this.apiTargetGroup.arn }],
          condition: [{ pathPattern: { values: route.paths } }],
          transform: route.rewrite
            ? [{ type: 'url-rewrite', urlRewriteConfig: { rewrite: { regex: route.rewrite.regex, replace: route.rewrite.replace } } }]
            : undefined,
        }),
    );
    this.apiRouting = [this.httpsListener, ...this.apiRules];
    this.uiRouting = [this.httpsListener];
  }

  /**
   * Sign every request in before it is forwarded: the HTTPS listener's
   * default action and every route first run the authenticate action of
   * `signIn.actionTypes` (none when that list is empty). Call it before the
   * services are built on `apiRouting`.
   */
  public requireSignIn(signIn: AlbSignIn): void {
    const sequence = actionSequence(this, signIn);
    const apply = (resource: LbListener | LbListenerRule, block: 'default_action' | 'action', targetGroupArn: string) => {
      resource.addOverride(block, undefined);
      resource.addOverride(`dynamic.${block}`, signInActions(sequence, signIn, targetGroupArn));
    };
    apply(this.httpsListener, 'default_action', this.uiTargetGroup.arn);
    for (const rule of this.apiRules) apply(rule, 'action', this.apiTargetGroup.arn);
  }

  /**
   * Requests from `cidrs` (a Terraform list of IPv4 ranges) reach the first
   * route's paths (`/api/*`) without sign-in: rules of 4 ranges each at
   * priorities 1-9, ahead of the route, forwarding the same way. At most
   * MAX_API_CLIENT_RULES * API_CLIENT_CIDRS_PER_RULE ranges (the variable's rule).
   */
  public allowApiClients(cidrs: string[]): LbListenerRule {
    const [route] = this.routes;
    if (route.paths.length + API_CLIENT_CIDRS_PER_RULE > MAX_PATHS_PER_RULE) {
      throw new Error(
        `Alb route "${route.name}" has ${route.paths.length} paths; with ${API_CLIENT_CIDRS_PER_RULE} source ranges per API client rule ALB allows 1.`,
      );
    }
    // Keyed "00", "01", ... by position: adding ranges adds rules or updates the last one, never renames one.
    const ranges = Fn.chunklist(cidrs, API_CLIENT_CIDRS_PER_RULE);
    const chunks = new TerraformLocal(this, 'api-client-ranges', Fn.zipmap(Fn.formatlist('%02d', [Fn.range(0, Fn.lengthOf(ranges))]), ranges));
    const chunk = TerraformIterator.fromMap(chunks.asAnyMap);
    this.apiClientRules = new LbListenerRule(this, 'api-clients', {
      forEach: chunk,
      listenerArn: this.httpsListener.arn,
      priority: Token.asNumber(Fn.sum([1, Fn.tonumber(chunk.key)])),
      action: [{ type: 'forward', targetGroupArn: this.apiTargetGroup.arn }],
      condition: [{ pathPattern: { values: route.paths } }, { sourceIp: { values: Token.asList(chunk.value) } }],
      transform: route.rewrite
        ? [{ type: 'url-rewrite', urlRewriteConfig: { rewrite: { regex: route.rewrite.regex, replace: route.rewrite.replace } } }]
        : undefined,
    });
    this.apiRouting.push(this.apiClientRules);
    return this.apiClientRules;
  }
}

function validateRoutes(routes: readonly ApiRoute[]): void {
  if (routes.length === 0) throw new Error('Alb apiRoutes is empty; give at least one route to the API.');
  const names = new Set<string>();
  for (const route of routes) {
    if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(route.name) || RESERVED_IDS.includes(route.name)) {
      throw new Error(`Alb route name "${route.name}" is not usable; use a kebab-case id other than ${RESERVED_IDS.join(', ')}.`);
    }
    if (names.has(route.name)) throw new Error(`Alb route name "${route.name}" is used twice; give each route its own name.`);
    names.add(route.name);
    if (route.paths.length === 0 || route.paths.length > MAX_PATHS_PER_RULE) {
      throw new Error(
        `Alb route "${route.name}" has ${route.paths.length} paths; ALB allows 1 to ${MAX_PATHS_PER_RULE} per rule, split it into several routes.`,
      );
    }
    for (const path of route.paths) {
      if (!path.startsWith('/') || path.length > 128) {
        throw new Error(`Alb route "${route.name}" path "${path}" is not valid; start it with / and keep it within 128 characters.`);
      }
    }
  }
}
