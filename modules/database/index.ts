import { CloudwatchLogGroup } from '@cdktn/provider-aws/lib/cloudwatch-log-group';
import { DbInstance } from '@cdktn/provider-aws/lib/db-instance';
import { DbSubnetGroup } from '@cdktn/provider-aws/lib/db-subnet-group';
import { SecurityGroup } from '@cdktn/provider-aws/lib/security-group';
import { Subnet } from '@cdktn/provider-aws/lib/subnet';
import { Id } from '@cdktn/provider-random/lib/id';
import { IResolvable } from 'cdktn';
import { Construct } from 'constructs';

export const DB_NAME = 'everruns';
export const DB_USERNAME = 'everruns_admin';
/**
 * The major version only: RDS upgrades minors itself and retires old ones,
 * after which a pinned minor (the spec's 16.3) fails on create and on plans.
 */
export const DB_ENGINE_VERSION = '16';

export interface DatabaseProps {
  /** First part of the identifier (`{namePrefix}-{environment}`). */
  readonly namePrefix: string;
  readonly environment: string;
  /** Private subnets in two availability zones (RDS requires two even for a single-AZ instance). */
  readonly subnets: readonly Subnet[];
  /** Allows 5432 from ECS tasks only. */
  readonly securityGroup: SecurityGroup;
  /** The master password: the secrets module's `dbPassword.result`. */
  readonly password: string;
  /**
   * Refuse deletion through the API and Terraform; turn off, apply, then destroy.
   * @default true
   */
  readonly deletionProtection?: boolean | IResolvable;
  /**
   * PostgreSQL major version. Raising it upgrades the instance in place (RDS
   * refuses a downgrade); the default parameter group of the new major is used.
   * @default DB_ENGINE_VERSION
   */
  readonly engineVersion?: string;
  /** Apply modifications at once rather than in the maintenance window. @default false */
  readonly applyImmediately?: boolean | IResolvable;
  /** Days CloudWatch keeps the instance's exported logs (0: forever). @default 30 */
  readonly logRetentionDays?: number;
  /** One of the classes `DB_MAX_CONNECTIONS` knows. @default 'db.t4g.micro' */
  readonly instanceClass?: string;
  /** A standby in a second availability zone, with automatic failover (twice the instance cost). @default false */
  readonly multiAz?: boolean | IResolvable;
  /** Performance Insights with its free 7-day retention. @default false */
  readonly performanceInsightsEnabled?: boolean | IResolvable;
  /** Daily backup window, UTC `hh24:mi-hh24:mi`. @default '03:00-04:00' */
  readonly backupWindow?: string;
  /** Weekly maintenance window, UTC `ddd:hh24:mi-ddd:hh24:mi`, apart from the backup window. @default 'Mon:04:00-Mon:05:00' */
  readonly maintenanceWindow?: string;
}

/** The spec's class: burstable, 2 vCPUs, 1 GiB. */
export const DEFAULT_INSTANCE_CLASS = 'db.t4g.micro';

/** The port RDS PostgreSQL listens on: the engine's default, which the instance keeps. */
export const POSTGRES_PORT = 5432;

/** The logs the instance exports to CloudWatch. */
export const DB_LOG_EXPORTS = ['postgresql', 'upgrade'] as const;

/**
 * Spec module 3: a single-AZ, private, encrypted RDS PostgreSQL 16 instance.
 * Differences from the spec: major version only with automatic minor
 * upgrades, deletion protection, a final snapshot name that cannot collide on
 * a second destroy, PostgreSQL and upgrade logs in CloudWatch, tags copied
 * to snapshots.
 */
export class Database extends Construct {
  public readonly instance: DbInstance;
  public readonly subnetGroup: DbSubnetGroup;
  /** `/aws/rds/instance/{identifier}/{postgresql,upgrade}`, created before the instance exports to them. */
  public readonly logGroups: CloudwatchLogGroup[];

  constructor(scope: Construct, id: string, props: DatabaseProps) {
    super(scope, id);
    if (props.subnets.length < 2) {
      throw new Error(`Database subnets has ${props.subnets.length} subnet(s); RDS needs at least 2 in different availability zones.`);
    }
    const identifier = `${props.namePrefix}-${props.environment}`;

    this.subnetGroup = new DbSubnetGroup(this, 'subnet-group', {
      name: identifier,
      description: `Private subnets of ${identifier}`,
      subnetIds: props.subnets.map((s) => s.id),
      tags: { Name: identifier },
    });

    // A new suffix for every new instance (it is replaced with the identifier): a second
    // destroy/create cycle would otherwise fail on a final snapshot name that already exists.
    const snapshotSuffix = new Id(this, 'final-snapshot-suffix', { byteLength: 4, keepers: { identifier } });

    // Owned here, with retention: otherwise RDS creates them on first export, kept forever and outside Terraform.
    this.logGroups = DB_LOG_EXPORTS.map(
      (log) =>
        new CloudwatchLogGroup(this, `${log}-logs`, {
          name: `/aws/rds/instance/${identifier}/${log}`,
          retentionInDays: props.logRetentionDays ?? 30,
        }),
    );

    this.instance = new DbInstance(this, 'main', {
      identifier,
      engine: 'postgres',
      engineVersion: props.engineVersion ?? DB_ENGINE_VERSION,
      autoMinorVersionUpgrade: true,
      // Without it RDS refuses a new major version; it allows nothing by itself, the version is still an input.
      allowMajorVersionUpgrade: true,
      applyImmediately: props.applyImmediately ?? false,
      instanceClass: props.instanceClass ?? DEFAULT_INSTANCE_CLASS,

      allocatedStorage: 20,
      maxAllocatedStorage: 100,
      storageType: 'gp3',
      storageEncrypted: true,

      dbName: DB_NAME,
      username: DB_USERNAME,
      password: props.password,

      vpcSecurityGroupIds: [props.securityGroup.id],
      dbSubnetGroupName: this.subnetGroup.name,

      multiAz: props.multiAz ?? false,
      publiclyAccessible: false,
      deletionProtection: props.deletionProtection ?? true,
      skipFinalSnapshot: false,
      finalSnapshotIdentifier: `${identifier}-final-${snapshotSuffix.hex}`,
      copyTagsToSnapshot: true,

      backupRetentionPeriod: 7,
      backupWindow: props.backupWindow ?? '03:00-04:00',
      maintenanceWindow: props.maintenanceWindow ?? 'Mon:04:00-Mon:05:00',

      performanceInsightsEnabled: props.performanceInsightsEnabled ?? false,
      enabledCloudwatchLogsExports: [...DB_LOG_EXPORTS],
      dependsOn: this.logGroups,

      // Environment comes from the provider's default_tags.
      tags: { Name: identifier },
    });
  }
}
