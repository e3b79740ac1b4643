import { DataAwsRoute53Zone } from '@cdktn/provider-aws/lib/data-aws-route53-zone';
import { Route53Record } from '@cdktn/provider-aws/lib/route53-record';
import { resource } from '../helpers';
import { production } from './module-stack';

const { text, json } = production();
const WITH_ZONE = '${(length(var.route53_zone_id) >= 1) ? 1 : 0}';

describe('dns', () => {
  test('the zone is looked up by id, once, only when route53_zone_id is set', () => {
    expect(text).toHaveDataSourceWithProperties(DataAwsRoute53Zone, { zone_id: '${var.route53_zone_id}', count: WITH_ZONE });
  });

  test('an A alias of domain_name to the ALB, only when route53_zone_id is set', () => {
    expect(text).toHaveResourceWithProperties(Route53Record, {
      count: WITH_ZONE,
      zone_id: '${var.route53_zone_id}',
      name: '${var.domain_name}',
      type: 'A',
      alias: { name: '${aws_lb.alb_main.dns_name}', zone_id: '${aws_lb.alb_main.zone_id}', evaluate_target_health: true },
    });
  });

  test('no AAAA record: the ALB is IPv4-only', () => {
    // Not set: the provider's default, ipv4.
    expect(resource(json, 'aws_lb', 'alb_main').ip_address_type).toBeUndefined();
    const types = Object.values(json.resource.aws_route53_record).map((r) => (r as { type: string }).type);
    expect(types).not.toContain('AAAA');
  });

  test('route53_records output: the validation records and the alias, [] without a zone', () => {
    expect(json.output.route53_records.value).toBe(
      '${concat([ for key, val in aws_route53_record.acm_validation_record: { name = val.fqdn, type = val.type, value = one(val.records) }], ' +
        '[ for key, val in toset(aws_route53_record.dns_alias[*]): { name = val.fqdn, type = val.type, value = one(val.alias).name }])}',
    );
  });
});
