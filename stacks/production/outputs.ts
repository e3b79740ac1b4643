import { Fn, propertyAccess, TerraformIterator, TerraformOutput } from 'cdktn';
import type { ProductionStack } from './stack';

/**
 * The production stack's outputs: the spec's (alb_dns_name, api_url, ui_url,
 * rds_endpoint, acm_validation_records) and the ones operating it needs.
 * Declared at stack level (their names are the output names).
 */
export function productionOutputs(stack: ProductionStack, domainName: string): void {
    new TerraformOutput(stack, 'rds_endpoint', {
      description: 'RDS endpoint',
      value: stack.database.instance.endpoint,
      sensitive: true,
    });
    new TerraformOutput(stack, 'acm_validation_records', {
      description: 'DNS records needed for ACM certificate validation',
      value: stack.acm.validationRecords,
    });
    // What the stack created in Route 53 ([] without route53_zone_id).
    new TerraformOutput(stack, 'route53_records', {
      description: 'DNS records created in the Route 53 zone (route53_zone_id): certificate validation and the A alias to the ALB',
      value: Fn.concat([
        TerraformIterator.fromResources(stack.acm.zoneRecords!).forExpressionForList('{ name = val.fqdn, type = val.type, value = one(val.records) }'),
        TerraformIterator.fromList(propertyAccess(stack.dns.alias.fqn, ['*'])).forExpressionForList('{ name = val.fqdn, type = val.type, value = one(val.alias).name }'),
      ]),
    });

    new TerraformOutput(stack, 'alb_dns_name', {
      description: 'ALB DNS name (for CNAME record)',
      value: stack.alb.loadBalancer.dnsName,
    });
    new TerraformOutput(stack, 'alb_zone_id', {
      description: 'Hosted zone of the ALB, for a Route 53 alias record instead of a CNAME',
      value: stack.alb.loadBalancer.zoneId,
    });
    new TerraformOutput(stack, 'ecs_cluster_name', {
      description: 'ECS cluster name, for aws ecs commands',
      value: stack.ecsCluster.cluster.name,
    });
    new TerraformOutput(stack, 'admin_task_family', {
      description: 'Task definition family of everruns-admin (aws ecs run-task: migrate-info, migrate, reencrypt)',
      value: stack.adminTaskDefinition.family,
    });
    new TerraformOutput(stack, 'api_network_configuration', {
      description: "The API tasks' subnets and security groups, as aws ecs run-task --network-configuration takes them",
      value: Fn.jsonencode({
        awsvpcConfiguration: {
          subnets: stack.networking.privateSubnets.map((subnet) => subnet.id),
          securityGroups: [stack.securityGroups.api.id],
          assignPublicIp: 'DISABLED',
        },
      }),
    });

    new TerraformOutput(stack, 'api_url', {
      description: 'API URL',
      value: `https://${domainName}/api`,
    });
    new TerraformOutput(stack, 'ui_url', {
      description: 'UI URL',
      value: `https://${domainName}`,
    });
}
