import { SecurityGroup } from '@cdktn/provider-aws/lib/security-group';
import { DbInstance } from '@cdktn/provider-aws/lib/db-instance';
import { DbSubnetGroup } from '@cdktn/provider-aws/lib/db-subnet-group';
import { Id } from '@cdktn/provider-random/lib/id';
import { Database } from '../../modules/database';
import { Networking } from '../../modules/networking';
import { resource } from '../helpers';
import { moduleStack, production } from './module-stack';

const { text } = production();

describe('database: the spec values', () => {
  test('postgres on db_instance_class (db.t4g.micro by default) named {name_prefix}-{environment}, 20 GB gp3 growing to 100 GB, encrypted', () => {
    expect(JSON.parse(text).variable.db_instance_class.default).toBe('db.t4g.micro');
    expect(text).toHaveResourceWithProperties(DbInstance, {
      identifier: '${var.name_prefix}-${var.environment}',
      engine: 'postgres',
      instance_class: '${var.db_instance_class}',
      allocated_storage: 20,
      max_allocated_storage: 100,
      storage_type: 'gp3',
      storage_encrypted: true,
      tags: { Name: '${var.name_prefix}-${var.environment}' },
    });
  });

  test('database everruns, user everruns_admin, the generated password', () => {
    expect(text).toHaveResourceWithProperties(DbInstance, {
      db_name: 'everruns',
      username: 'everruns_admin',
      password: '${random_password.secrets_db_password.result}',
    });
  });

  test('single-AZ by default (db_multi_az) and private, in the private subnets behind the RDS security group', () => {
    expect(text).toHaveResourceWithProperties(DbInstance, {
      multi_az: '${var.db_multi_az}',
      publicly_accessible: false,
      vpc_security_group_ids: ['${aws_security_group.networking_rds.id}'],
      db_subnet_group_name: '${aws_db_subnet_group.database_subnet_group.name}',
    });
    expect(text).toHaveResourceWithProperties(DbSubnetGroup, {
      name: '${var.name_prefix}-${var.environment}',
      subnet_ids: ['${aws_subnet.networking_private_0.id}', '${aws_subnet.networking_private_1.id}'],
    });
  });

  test('7 days of backups; the windows and Performance Insights are inputs (defaults: the spec windows, free 7-day Insights)', () => {
    expect(text).toHaveResourceWithProperties(DbInstance, {
      backup_retention_period: 7,
      backup_window: '${var.db_backup_window}',
      maintenance_window: '${var.db_maintenance_window}',
      performance_insights_enabled: '${var.db_performance_insights_enabled}',
    });
    expect(JSON.parse(text).variable.db_backup_window.default).toBe('03:00-04:00');
    expect(JSON.parse(text).variable.db_maintenance_window.default).toBe('Mon:04:00-Mon:05:00');
  });
});

describe('database: fixes to the spec', () => {
  test('engine_version is the major "16" with automatic minor upgrades (a pinned 16.3 is retired by AWS)', () => {
    expect(text).toHaveResourceWithProperties(DbInstance, { engine_version: '${var.db_engine_version}', auto_minor_version_upgrade: true });
    expect(JSON.parse(text).variable.db_engine_version.default).toBe('16');
  });

  test('a new major version is allowed, so raising db_engine_version upgrades in place; when is an input', () => {
    expect(text).toHaveResourceWithProperties(DbInstance, { allow_major_version_upgrade: true, apply_immediately: '${var.db_apply_immediately}' });
  });

  test('deletion protection follows db_deletion_protection', () => {
    expect(text).toHaveResourceWithProperties(DbInstance, { deletion_protection: '${var.db_deletion_protection}' });
  });

  test('a final snapshot is kept, named with a random suffix so a second destroy cannot collide', () => {
    expect(text).toHaveResourceWithProperties(DbInstance, {
      skip_final_snapshot: false,
      final_snapshot_identifier: '${var.name_prefix}-${var.environment}-final-${random_id.database_final_snapshot_suffix.hex}',
    });
    expect(text).toHaveResourceWithProperties(Id, {
      byte_length: 4,
      keepers: { identifier: '${var.name_prefix}-${var.environment}' },
    });
  });

  test('PostgreSQL and upgrade logs go to CloudWatch; tags are copied to snapshots', () => {
    expect(text).toHaveResourceWithProperties(DbInstance, {
      enabled_cloudwatch_logs_exports: ['postgresql', 'upgrade'],
      copy_tags_to_snapshot: true,
    });
  });
});

describe('database: construct props', () => {
  const build = (deletionProtection?: boolean, subnets = 2) =>
    moduleStack((stack) => {
      const networking = new Networking(stack, 'networking', { namePrefix: 'everruns', environment: 'production' });
      new Database(stack, 'database', {
        namePrefix: 'everruns',
        environment: 'production',
        subnets: networking.privateSubnets.slice(0, subnets),
        securityGroup: new SecurityGroup(stack, 'rds', { vpcId: networking.vpc.id }),
        password: 'unused-in-this-test',
        deletionProtection,
      });
    });

  test('deletion protection defaults to on', () => {
    expect(build().text).toHaveResourceWithProperties(DbInstance, { identifier: 'everruns-production', deletion_protection: true });
  });

  test('fewer than two subnets is refused (RDS needs two zones)', () => {
    expect(() => build(undefined, 1)).toThrow('Database subnets has 1 subnet(s); RDS needs at least 2 in different availability zones.');
  });
});

describe('database: its exported logs', () => {
  const stack = JSON.parse(text);

  test.each(['postgresql', 'upgrade'])('/aws/rds/instance/{identifier}/%s is created with retention before the instance exports to it', (log) => {
    expect(resource(stack, 'aws_cloudwatch_log_group', `database_${log}_logs`)).toEqual(
      expect.objectContaining({
        name: `/aws/rds/instance/\${var.name_prefix}-\${var.environment}/${log}`,
        retention_in_days: '${var.log_retention_days}',
      }),
    );
    expect(resource(stack, 'aws_db_instance', 'database_main').depends_on).toContain(`aws_cloudwatch_log_group.database_${log}_logs`);
  });
});
