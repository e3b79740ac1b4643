import { Wafv2WebAcl } from '@cdktn/provider-aws/lib/wafv2-web-acl';
import { Wafv2WebAclAssociation } from '@cdktn/provider-aws/lib/wafv2-web-acl-association';
import { Lb } from '@cdktn/provider-aws/lib/lb';
import { Fn, TerraformCount } from 'cdktn';
import { Construct } from 'constructs';
import { optionalAttribute } from '../../lib/addresses';

export interface WafProps {
  /** The web ACL is `{namePrefix}-{environment}`. */
  readonly namePrefix: string;
  readonly environment: string;
  /** 0 or 1: whether the web ACL exists (a Terraform count chosen at plan time). */
  readonly count: TerraformCount;
  readonly loadBalancer: Lb;
  /** Requests one client IP may send in any 5 minutes before it is blocked. @default 2000 */
  readonly rateLimit?: number;
}

/**
 * The AWS managed rule groups the web ACL runs, in priority order: OWASP-style
 * common rules, request patterns known to exploit software (Log4j and the
 * like), and addresses Amazon's threat intelligence lists as malicious.
 */
export const MANAGED_RULE_GROUPS = ['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet', 'AWSManagedRulesAmazonIpReputationList'] as const;

/**
 * An optional AWS WAF web ACL (REGIONAL) on the ALB: the managed rule groups
 * above, then a rate-based rule per client IP. Metrics go to CloudWatch and
 * sampled requests are kept, so a blocked request can be found and a rule
 * overridden if it blocks the application.
 */
export class Waf extends Construct {
  public readonly webAcl: Wafv2WebAcl;
  public readonly association: Wafv2WebAclAssociation;

  constructor(scope: Construct, id: string, props: WafProps) {
    super(scope, id);
    const name = `${props.namePrefix}-${props.environment}`;
    // AWS WAF's own JSON (rule_json): cdktf types the nested `statement` block as `any`, which the provider schema cannot check.
    const visibility = (metric: string) => ({ CloudWatchMetricsEnabled: true, MetricName: `${name}-${metric}`, SampledRequestsEnabled: true });
    const managed = MANAGED_RULE_GROUPS.map((group, index) => ({
      Name: group,
      Priority: (index + 1) * 10,
      // None: the rule group's own actions (block) apply.
      OverrideAction: { None: {} },
      Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: group } },
      VisibilityConfig: visibility(group),
    }));
    const rateLimit = {
      Name: 'rate-limit-per-ip',
      Priority: (MANAGED_RULE_GROUPS.length + 1) * 10,
      Action: { Block: {} },
      Statement: { RateBasedStatement: { Limit: props.rateLimit ?? 2000, AggregateKeyType: 'IP', EvaluationWindowSec: 300 } },
      VisibilityConfig: visibility('rate-limit-per-ip'),
    };

    this.webAcl = new Wafv2WebAcl(this, 'web-acl', {
      count: props.count,
      name,
      description: `Managed rules and a per-IP rate limit in front of the ${name} ALB`,
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      ruleJson: Fn.jsonencode([...managed, rateLimit]),
      visibilityConfig: { cloudwatchMetricsEnabled: true, metricName: `${name}-web-acl`, sampledRequestsEnabled: true },
      tags: { Name: name },
    });
    this.association = new Wafv2WebAclAssociation(this, 'association', {
      count: props.count,
      resourceArn: props.loadBalancer.arn,
      webAclArn: optionalAttribute(this.webAcl, 'arn'),
    });
  }
}
