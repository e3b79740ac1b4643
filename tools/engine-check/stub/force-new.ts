import { SchemaBlock } from '../schema/types';

/**
 * Which attribute changes replace a resource, per resource type: the
 * attributes hashicorp/aws 6.66.0 and hashicorp/random 3.9.1 mark ForceNew
 * (SDKv2) or RequiresReplace (plugin framework), read from the providers'
 * Go source. Facts only (attribute names), with the source file and, where
 * it was known, the commit that was read; `read` says which version of the
 * file that was (for aws mostly a version between 5.x and early 2026, not the
 * 6.66.0 tag: the source index holds few newer files) and which evidence for
 * later changes up to 6.66.0 was consulted: `.changelog/<PR>.txt` files and
 * pull-request threads where found, and the 6.25.0 -> 6.66.0 argument diff,
 * i.e. the configurable arguments (nested ones included) of each type in the
 * generated bindings cdktf provider-aws 21.22.1 (aws 6.25.0) and
 * @cdktn/provider-aws 25.7.0 (aws 6.66.0). An argument added since 6.25.0
 * whose replacement behaviour could not be read is named in `read`, not
 * guessed into `forceNew`.
 *
 * Paths: `attr`, or `block.attr` inside a nested block; a block alone means
 * any change inside it replaces. `conditional` lists replacements a
 * CustomizeDiff/ModifyPlan decides from several values; the stub does not
 * model them (none applies to our stacks), they are kept so a reader knows.
 * `planErrors` models the CustomizeDiffs that fail a plan instead.
 *
 * Not listed per type: in hashicorp/aws 6.x every regional resource has a
 * top-level `region` argument whose change replaces it (provider-level
 * interceptor); `forceNewPaths` adds it for every aws type whose schema has it.
 *
 * A resource type the stacks use must be here: test/engine/change-safety.test.ts
 * fails otherwise (an absent type would silently never be replaced).
 */
export interface ForceNewFacts {
  /** Provider source file read, `path@commit` when the commit is known. */
  readonly source: string;
  /** Which version of the file was read, and the evidence consulted for later releases. */
  readonly read?: string;
  readonly forceNew: readonly string[];
  readonly conditional?: readonly string[];
  /** What changes in place although one might expect a replacement, and other findings. */
  readonly note?: string;
}

export const PROVIDER_VERSIONS = { aws: '6.66.0', random: '3.9.1' } as const;

export const FORCE_NEW: Readonly<Record<string, ForceNewFacts>> = {
  aws_acm_certificate: {
    source: 'internal/service/acm/certificate.go@01661ea3cbe6b07ed725b03c587d24ceb464484a',
    read: 'Re-read now: 2026 header, yet it lacks private_key_wo/private_key_wo_version (PR #44414), so it predates the release that added them. Earlier reading: the only 6.x changelog item is 6.4.0 options.export. 6.66 check: the 6.25.0 -> 6.66.0 argument diff (generated bindings, see file comment) adds private_key_wo and private_key_wo_version; their replacement behaviour was not verified (the stacks import no certificate)',
    forceNew: ['certificate_authority_arn', 'domain_name', 'key_algorithm', 'subject_alternative_names', 'validation_method', 'validation_option', 'validation_option.domain_name', 'validation_option.validation_domain'],
    note: 'domain_name and subject_alternative_names are ForceNew (use create_before_destroy when the cert is attached to a listener). Imported certificates (certificate_body, private_key, certificate_chain) are re-imported in place - not ForceNew. options (certificate_transparency_logging_preference, export) and early_renewal_duration are not ForceNew in the schema.',
  },
  aws_acm_certificate_validation: {
    source: 'internal/service/acm/certificate_validation.go@004eea7f9b6658d88d652e89e10c7520a10ad6b8',
    read: '2026 header (earlier reading: no 6.x changelog entries for this resource). 6.66 check: the 6.25.0 -> 6.66.0 argument diff (generated bindings, see file comment) shows no argument added or removed; no 6.26+ source read and no per-type search for 6.26-6.66 changes made',
    forceNew: ['certificate_arn', 'validation_record_fqdns'],
    note: 'No Update function: all arguments are ForceNew. Delete is a no-op (validation is a wait-for-issued \'resource\'); replacement just re-waits for the (new) certificate to be ISSUED.',
  },
  aws_cloudwatch_event_rule: {
    source: 'internal/service/events/rule.go@0cdab4ae09a963535e03dde0bff4784afe8e3517',
    read: 'post-6.7 (identity preIdentityVersion v6.7.0, 2025 header); earlier reading: no 6.x changelog entry changes its ForceNew set. 6.66 check: the 6.25.0 -> 6.66.0 argument diff (generated bindings, see file comment) shows no argument added or removed; no 6.26+ source read and no per-type search for 6.26-6.66 changes made',
    forceNew: ['event_bus_name', 'name', 'name_prefix'],
    note: 'description, event_pattern, schedule_expression, role_arn, state/is_enabled, force_destroy and tags update in place (PutRule).',
  },
  aws_cloudwatch_event_target: {
    source: 'internal/service/events/target.go',
    read: 'an old 3.x version (validateCloudWatchEventRuleName) found by find_string; event_bus_name (added later) is ForceNew per the provider docs, not re-read in source. 6.66 check: the 6.25.0 -> 6.66.0 argument diff (generated bindings, see file comment) shows no argument added or removed; no 6.26+ source read and no per-type search for 6.26-6.66 changes made',
    forceNew: ['event_bus_name', 'rule', 'target_id'],
    note: 'arn, input, input_path, input_transformer, role_arn and the target parameter blocks update in place (PutTargets). Not verified against 6.25.',
  },
  aws_cloudwatch_log_group: {
    source: 'internal/service/logs/group.go@0073593e7d6993ba482409f4dc35438daaa79bb3',
    read: '6.x era: identity preIdentityVersion v6.7.0; predates deletion_protection_enabled (6.25.0). 6.66 check: the 6.25.0 -> 6.66.0 argument diff (generated bindings, see file comment) shows no argument added or removed; no 6.26+ source read and no per-type search for 6.26-6.66 changes made',
    forceNew: ['log_group_class', 'name', 'name_prefix'],
    note: 'name/name_prefix and log_group_class are ForceNew. retention_in_days (Put/DeleteRetentionPolicy), kms_key_id (Associate/DisassociateKmsKey), skip_destroy, tags update in place. deletion_protection_enabled (new in 6.25.0, PR #45298) is not in the version read; presumed in-place (not verified in source). Note: with skip_destroy=true a replacement leaves the old log group in AWS and the create of the same name would then fail.',
  },
  aws_cloudwatch_metric_alarm: {
    source: 'internal/service/cloudwatch/metric_alarm.go@055611a654738da73e7b1e2b5d2b7672c6d4d531',
    read: '6.x era: identity preIdentityVersion v6.7.0, smerr; has an \'already exists\' pre-create check of uncertain release. 6.66 check: the 6.25.0 -> 6.66.0 argument diff (generated bindings, see file comment) adds evaluation_criteria (promql_criteria, query), evaluation_interval, pending_period, recovery_period, warm_up_configuration and nested fields; their replacement behaviour was not verified (the stacks set none of them)',
    forceNew: ['alarm_name'],
    note: 'Only alarm_name is ForceNew; every other argument (thresholds, metric/namespace/dimensions, metric_query, actions, periods) is re-PUT in place via PutMetricAlarm.',
  },
  aws_db_event_subscription: {
    source: 'internal/service/rds/event_subscription.go@03e17e1998974ee80e6bc456e06222d26cc87344',
    read: 'aws-sdk-go-v2 era (5.x/6.x); earlier reading: no 6.x changelog entry changes its schema. 6.66 check: the 6.25.0 -> 6.66.0 argument diff (generated bindings, see file comment) shows no argument added or removed; no 6.26+ source read and no per-type search for 6.26-6.66 changes made',
    forceNew: ['name', 'name_prefix'],
    note: 'sns_topic, source_type, event_categories, enabled update in place (ModifyEventSubscription); source_ids by Add/RemoveSourceIdentifier.',
  },
  aws_cognito_user: {
    source: 'internal/service/cognitoidp/user.go@017393180ce6680c0c5c35cdf336a02a4ac151bb',
    read: '6.x era, aws-sdk-go-v2 (resourceUser, names.AttrUserPoolID); commit not tied to a tag. 6.66 check: the 6.25.0 -> 6.66.0 argument diff (generated bindings, see file comment) shows no argument added or removed; no 6.26+ source read and no per-type search for 6.26-6.66 changes made',
    forceNew: ['user_pool_id', 'username'],
    note: 'Only user_pool_id and username are ForceNew. attributes (AdminUpdate/DeleteUserAttributes), enabled (AdminEnable/DisableUser), password and temporary_password (AdminSetUserPassword) update in place; message_action, desired_delivery_mediums, client_metadata, force_alias_creation and validation_data only matter at creation (no ForceNew, no Update call).',
  },
  aws_cognito_user_pool: {
    source: 'internal/service/cognitoidp/user_pool.go@015edb133ea64d879a0fdd1551d0c8daee7d4995',
    read: '6.x era, aws-sdk-go-v2 with sign_in_policy and web_authn_configuration; commit not tied to a tag. 6.66 check: the 6.25.0 -> 6.66.0 argument diff (generated bindings, see file comment) shows no argument added or removed; no 6.26+ source read and no per-type search for 6.26-6.66 changes made',
    forceNew: ['alias_attributes', 'name', 'username_attributes', 'username_configuration.case_sensitive'],
    note: 'alias_attributes, name, username_attributes and username_configuration[0].case_sensitive are ForceNew. mfa_configuration and software_token_mfa_configuration (SetUserPoolMfaConfig), password_policy, admin_create_user_config, account_recovery_setting, auto_verified_attributes, tags and the rest update in place (UpdateUserPool). CustomizeDiff is verify.SetTagsDiff only. deletion_protection defaults to INACTIVE.',
  },
  aws_cognito_user_pool_client: {
    source: 'internal/service/cognitoidp/user_pool_client.go@01f431114674c27cf790fafb67ac274bf8f765e1',
    read: 'plugin framework version, 6.x era; commit not tied to a tag. 6.66 check: the 6.25.0 -> 6.66.0 argument diff (generated bindings, see file comment) shows no argument added or removed; no 6.26+ source read and no per-type search for 6.26-6.66 changes made',
    forceNew: ['generate_secret', 'user_pool_id'],
    note: 'Plugin framework: generate_secret and user_pool_id use RequiresReplace(). name, callback_urls, allowed_oauth_*, explicit_auth_flows, token validity and the rest update in place (UpdateUserPoolClient). client_secret is computed and sensitive (UseStateForUnknown): a replacement gives the ALB a new secret.',
  },
  aws_cognito_user_pool_domain: {
    source: 'internal/service/cognitoidp/user_pool_domain.go',
    read: 'Read now: an aws-sdk-go-v2 5.x version found by find_string (commit not reported; no managed_login_version): it has an Update (UpdateUserPoolDomain) and a CustomizeDiff ForceNewIfChange on certificate_arn. Earlier reading @01c08000 and @56dec8ba (older; see note). No version with managed_login_version (present in both 6.25 and 6.66) was found. 6.66 check: the 6.25.0 -> 6.66.0 argument diff (generated bindings, see file comment) shows no argument added or removed; no 6.26+ source read and no per-type search for 6.26-6.66 changes made',
    forceNew: ['certificate_arn', 'domain', 'user_pool_id'],
    conditional: [
      'CustomizeDiff ForceNewIfChange(certificate_arn) in the aws-sdk-go-v2 version read: adding or removing certificate_arn replaces the domain, changing one ARN to another is an in-place UpdateUserPoolDomain. Kept in forceNew because the stub cannot model the condition (it over-reports ARN -> ARN changes)',
    ],
    note: 'domain and user_pool_id are ForceNew. The 6.25 table read every argument as ForceNew (no Update) in @01c08000 / @56dec8ba; the aws-sdk-go-v2 version read now has an Update for certificate_arn (see conditional). managed_login_version (in both 6.25 and 6.66) was not found in any version read; presumed in place (UpdateUserPoolDomain), not verified. The stacks set neither certificate_arn nor managed_login_version. The prefix of a domain without certificate_arn is global per region.',
  },
  aws_db_instance: {
    source: 'internal/service/rds/instance.go',
    read: '5.x era (~v5.17-5.2x, mixed aws-sdk-go v1/v2, has blue_green_update, backup_target, manage_master_user_password; commit not reported by the index); no 6.x instance.go could be located (6.x markers such as upgrade_rollout_order, dedicated_log_volume, upgrade_storage_config not found). Older 4.x versions also read: @00e4b23838859616dd0ebc9d1fd9364c0f6bff22 and @552c04685ba292dfddee527549fd43a1fd5db195 (identifier WAS ForceNew there). 6.66 check: the 6.25.0 -> 6.66.0 argument diff (generated bindings, see file comment) adds only warning_event_categories: the provider documentation text found in the index describes it as RDS event categories checked after create/update to raise warning diagnostics, with no \'Forces new resource\'; not verified in source. An issues search for 2026 ForceNew changes to aws_db_instance found nothing',
    forceNew: ['availability_zone', 'backup_target', 'character_set_name', 'custom_iam_instance_profile', 'db_name', 'engine', 'kms_key_id', 'nchar_character_set_name', 'restore_to_point_in_time', 's3_import.bucket_name', 's3_import.bucket_prefix', 's3_import.ingestion_role', 's3_import.source_engine', 's3_import.source_engine_version', 'snapshot_identifier', 'storage_encrypted', 'timezone', 'username'],
    note: 'identifier and identifier_prefix are NOT ForceNew (since v5.0.0 the resource ID is the dbi-resource-id and a changed identifier is applied in place via ModifyDBInstance rename; confirmed by schema and PR #32687 \'Remove indication that identifier ... force new\'). instance_class: NOT ForceNew (in-place ModifyDBInstance; verified). engine_version: NOT ForceNew - in-place ModifyDBInstance; a major-version change requires allow_major_version_upgrade=true (otherwise the API call fails), and with blue_green_update.enabled=true eligible changes are applied via an RDS Blue/Green deployment instead of in place. engine IS ForceNew. allocated_storage, storage_type, iops, storage_throughput, multi_az, port, parameter_group_name, option_group_name, vpc_security_group_ids, db_subnet_group_name, password, publicly_accessible, replicate_source_db (promotion) etc. update in place. Attributes added after the version read (dedicated_log_volume, domain_fqdn/domain_ou/..., upgrade_storage_config, engine_lifecycle_support, database_insights_mode, password_wo, upgrade_rollout_order [6.26, not in 6.25], warning_event_categories [new since 6.25, see read]) were not verified in source; the 6.25 reading found no 6.x changelog entry saying any of them forces replacement.',
  },
  aws_db_subnet_group: {
    source: 'internal/service/rds/subnet_group.go',
    read: 'SDK v2 era 5.x (commit not reported); also read @01c08000ddb14181b5bd19201d8fca311dc570e4 (older), identical ForceNew set. 6.66 check: the 6.25.0 -> 6.66.0 argument diff (generated bindings, see file comment) shows no argument added or removed; no 6.26+ source read and no per-type search for 6.26-6.66 changes made',
    forceNew: ['name', 'name_prefix'],
    note: 'Verified: name is ForceNew (and name_prefix). description and subnet_ids update in place (ModifyDBSubnetGroup). No ForceNew-relevant changelog entries 6.0-6.32.',
  },
  aws_default_security_group: {
    source: 'internal/service/ec2/vpc_default_security_group.go@01f431114674c27cf790fafb67ac274bf8f765e1',
    read: 'late 5.x/6.x, aws-sdk-go-v2; IgnoreTagsConfig(ctx) form. 6.66 check: the 6.25.0 -> 6.66.0 argument diff (generated bindings, see file comment) shows no argument added or removed; no 6.26+ source read and no per-type search for 6.26-6.66 changes made',
    forceNew: ['vpc_id'],
    note: 'Only vpc_id is ForceNew. name, name_prefix, description are Computed-only (not settable). ingress/egress/tags update in place. Delete is a no-op (adopts the VPC\'s default SG; destroying only removes it from state), so a \'replacement\' just re-adopts the default SG of the new vpc_id.',
  },
  aws_dynamodb_table: {
    source: 'internal/service/dynamodb/table.go',
    read: 'post-6.29 version (GSI key_schema / multi-attribute keys of 6.29.0, global_table_witness, warm_throughput; commit not reported by the index); old 2021 version @01335dd3cd3dff10ace08b5250b7302d4dbb0e04 also read (same top-level ForceNew set). 6.66 check: the 6.25.0 -> 6.66.0 argument diff (generated bindings, see file comment) adds restore_backup_arn (PR #47068, 6.38) besides the GSI key_schema fields already in the version read; restore_backup_arn\'s replacement behaviour was not verified (see conditional)',
    forceNew: ['hash_key', 'import_table.s3_bucket_source', 'local_secondary_index', 'local_secondary_index.name', 'local_secondary_index.non_key_attributes', 'local_secondary_index.projection_type', 'local_secondary_index.range_key', 'name', 'range_key', 'restore_date_time', 'restore_to_latest_time'],
    conditional: [
      'ForceNewIfChange(restore_source_name): forces replacement when it changes to a different non-empty value (clearing it does not)',
      'ForceNewIfChange(restore_source_table_arn): same rule as restore_source_name',
      'ForceNewIfChange(warm_throughput.0.read_units_per_second / warm_throughput.0.write_units_per_second): forces replacement when the new value is non-zero and lower than the old (warm throughput cannot be decreased)',
      'restore_backup_arn (added 6.38, PR #47068; Optional+Computed in the 6.66 schema): replacement behaviour not verified - the other restore_* arguments are ForceNew or ForceNewIfChange in the version read. The stacks do not set it',
    ],
    note: 'Verified: name and hash_key are ForceNew (also range_key and LSIs). global_secondary_index, attribute, billing_mode, read/write_capacity, stream_*, ttl, server_side_encryption, point_in_time_recovery, replica (replica changes recreate the replica, not the table), table_class, deletion_protection_enabled, on_demand_throughput update in place. Version read is newer than 6.25.0: GSI key_schema/hash_keys multi-attribute support and customDiffGlobalSecondaryIndex arrived in 6.29.0 (GSI hash_key was Required in 6.25); the table-level ForceNew set and restore/warm_throughput ForceNewIfChange logic are not mentioned as changed in 6.25-6.32 changelog.',
  },
  aws_ecs_cluster: {
    source: 'internal/service/ecs/cluster.go@00a35305dc1b297a6fcdecdfbba33f1e63c3da39',
    read: '2026 header (earlier reading: no aws_ecs_cluster entries in the 6.25-6.32 changelog). 6.66 check: the 6.25.0 -> 6.66.0 argument diff (generated bindings, see file comment) shows no argument added or removed; no 6.26+ source read and no per-type search for 6.26-6.66 changes made',
    forceNew: ['name'],
    note: 'Only name is ForceNew. configuration (execute_command_configuration, managed_storage_configuration), service_connect_defaults and setting (e.g. containerInsights) update in place via UpdateCluster.',
  },
  aws_ecs_cluster_capacity_providers: {
    source: 'internal/service/ecs/cluster_capacity_providers.go',
    read: 'not re-read: from memory of the 5.x/6.x file (cluster_name Required+ForceNew; capacity_providers and default_capacity_provider_strategy are updated by PutClusterCapacityProviders). 6.66 check: the 6.25.0 -> 6.66.0 argument diff (generated bindings, see file comment) shows no argument added or removed; no 6.26+ source read and no per-type search for 6.26-6.66 changes made',
    forceNew: ['cluster_name'],
  },
  aws_ecs_service: {
    source: 'internal/service/ecs/service.go@00a919d1548eb437816d4838f320502ad34183ff',
    read: '5.x era, aws-sdk-go-v2, pre-6.4; 6.x deltas up to 6.25 taken from the CHANGELOG (6.4.0 #43434, 6.15.0 #43533). 6.66 check: the 6.25.0 -> 6.66.0 argument diff (generated bindings, see file comment) adds service_connect_configuration.access_log_configuration (format, include_query_parameters) and deployment_configuration lifecycle-hook fields (action, target_type, timeout_configuration.timeout_in_minutes); their replacement behaviour was not verified',
    forceNew: ['cluster', 'iam_role', 'launch_type', 'name', 'scheduling_strategy'],
    conditional: [
      'capacityProviderStrategyCustomizeDiff: in 6.25.0 (since 6.15.0, PR #43533) it no longer forces replacement; changing capacity_provider_strategy on an existing service instead fails the plan unless force_new_deployment = true. (Before 6.15 it forced replacement when going from 0 to >0 strategies or vice versa, or when force_new_deployment was not true.)',
      'triggersCustomizeDiff: triggers changes cause an in-place redeploy, not a replacement',
    ],
    note: 'Verified: desired_count is NOT ForceNew (in-place UpdateService; diff suppressed when scheduling_strategy=DAEMON). name IS ForceNew. launch_type IS ForceNew (schema). service_registries block has no ForceNew (updated in place via UpdateService). network_configuration (incl. subnets, security_groups, assign_public_ip), load_balancer, task_definition, capacity_provider_strategy, ordered_placement_strategy, placement_constraints, platform_version, deployment_* settings, service_connect_configuration, volume_configuration, health_check_grace_period_seconds, enable_execute_command, propagate_tags are in place. deployment_controller.type: ForceNew in the 5.x code read, but CHANGELOG 6.4.0 (#43434): \'deployment_controller.type changes no longer force a replacement\' -> NOT ForceNew in 6.25.0 (hence omitted from forceNew list). 6.x additions (deployment_configuration, sigint_rollback, availability_zone_rebalancing, vpc_lattice_configurations, arn) not verified in source; changelog shows no ForceNew for them.',
  },
  aws_ecs_task_definition: {
    source: 'internal/service/ecs/task_definition.go@04fc21d56d73cb67a9bbef2aedcffe8fbfd07286',
    read: '2023, aws-sdk-go v1 era (pattern: every API argument is ForceNew). 6.66 check: the 6.25.0 -> 6.66.0 argument diff (generated bindings, see file comment) adds volume.s3files_volume_configuration (file_system_arn, access_point_arn); volume is listed as a whole ForceNew set block, which covers it (not verified in source)',
    forceNew: ['container_definitions', 'cpu', 'ephemeral_storage', 'ephemeral_storage.size_in_gib', 'execution_role_arn', 'family', 'ipc_mode', 'memory', 'network_mode', 'pid_mode', 'placement_constraints', 'placement_constraints.expression', 'placement_constraints.type', 'proxy_configuration', 'proxy_configuration.container_name', 'proxy_configuration.properties', 'proxy_configuration.type', 'requires_compatibilities', 'runtime_platform', 'runtime_platform.cpu_architecture', 'runtime_platform.operating_system_family', 'task_role_arn', 'volume', 'volume.name', 'volume.host_path', 'volume.docker_volume_configuration', 'volume.efs_volume_configuration', 'volume.fsx_windows_file_server_volume_configuration'],
    note: 'Yes - effectively every argument is ForceNew (a task definition revision is immutable; \'replacement\' registers a new revision and, unless skip_destroy=true, deregisters the old one). Only tags/tags_all and skip_destroy (and, in later 5.x/6.x versions, track_latest) are updatable in place. container_definitions has a DiffSuppressFunc that ignores semantically-equivalent JSON (ordering of env vars, defaults, awsvpc hostPort). Arguments added after the version read (track_latest [in place], enable_fault_injection, volume.configure_at_launch) were not verified in source; per pattern the latter two are expected ForceNew. inference_accelerator no longer exists in 6.x (removed in 6.0.0).',
  },
  aws_eip: {
    source: 'internal/service/ec2/ec2_eip.go@01606926a0c0ab9174aec440f976a48b0baee722',
    read: '6.x era: deprecated `vpc` argument already removed, RegionalARN(ctx) form. 6.66 check: the 6.25.0 -> 6.66.0 argument diff (generated bindings, see file comment) shows no argument added or removed; no 6.26+ source read and no per-type search for 6.26-6.66 changes made',
    forceNew: ['address', 'domain', 'ipam_pool_id', 'network_border_group', 'public_ipv4_pool'],
    note: 'instance, network_interface, associate_with_private_ip change in place (disassociate/associate). customer_owned_ipv4_pool is Optional without ForceNew in the schema (and Update does not handle it, so a change would be a no-op update that re-reads the old value - effectively a perpetual diff, not a replacement). No 6.x changelog entries for aws_eip ForceNew.',
  },
  aws_flow_log: {
    source: 'internal/service/ec2/vpc_flow_log.go@00a35305dc1b297a6fcdecdfbba33f1e63c3da39',
    read: '2026 copyright header, includes regional_nat_gateway_id (6.25.0); earlier reading: no ForceNew-related changelog entries 6.25-6.32. 6.66 check: the 6.25.0 -> 6.66.0 argument diff (generated bindings, see file comment) adds tag_field_specification (resource_type, tag_keys), absent from the version read; its replacement behaviour was not verified (in the version read every argument except tags is ForceNew and Update is tags-only)',
    forceNew: ['deliver_cross_account_role', 'destination_options', 'destination_options.file_format', 'destination_options.hive_compatible_partitions', 'destination_options.per_hour_partition', 'eni_id', 'iam_role_arn', 'log_destination', 'log_destination_type', 'log_format', 'max_aggregation_interval', 'regional_nat_gateway_id', 'subnet_id', 'traffic_type', 'transit_gateway_attachment_id', 'transit_gateway_id', 'vpc_id'],
    note: 'Every argument except tags is ForceNew (Update is tags-only). regional_nat_gateway_id exists in 6.25.0 (added in that release).',
  },
  aws_iam_policy: {
    source: 'internal/service/iam/policy.go@01ccd9a2d118a3e81a9649759bf14303526dc9e6',
    read: 'late 5.x, aws-sdk-go-v2. 6.66 check: the 6.25.0 -> 6.66.0 argument diff (generated bindings, see file comment) adds delay_after_policy_creation_in_ms (6.28), not in the version read; not verified (the stacks do not set it)',
    forceNew: ['description', 'name', 'name_prefix', 'path'],
    note: 'description IS ForceNew for aws_iam_policy. policy document changes are in place (CreatePolicyVersion + SetDefaultPolicyVersion, pruning oldest non-default version when 5 exist). 6.5 identity, 6.18 path validation + list resource; delay_after_policy_creation_in_ms added in 6.28 (after 6.25). No ForceNew changes in 6.x changelog.',
  },
  aws_iam_role: {
    source: 'internal/service/iam/role.go@0040ea6911af00bea2cca6dbb14e86829826ad8e',
    read: 'old 4.x-era version, aws-sdk-go v1; not re-verified against a 6.x file. 6.66 check: the 6.25.0 -> 6.66.0 argument diff (generated bindings, see file comment) shows no argument added or removed; no 6.26+ source read and no per-type search for 6.26-6.66 changes made',
    forceNew: ['name', 'name_prefix', 'path'],
    note: 'Only name, name_prefix, path are ForceNew. assume_role_policy (UpdateAssumeRolePolicy), description, max_session_duration, permissions_boundary, inline_policy, managed_policy_arns (both deprecated in later versions in favour of separate resources), force_detach_policies, tags update in place. 6.x changelog: identity support + list resource (6.14) only. Not re-verified against a 6.x file.',
  },
  aws_iam_role_policy: {
    source: 'internal/service/iam/role_policy.go@02f97af85f89a04e8ed89f5e8b64a9a67f3cfe07',
    read: '5.x, aws-sdk-go v1 era; tiny stable schema. 6.66 check: the 6.25.0 -> 6.66.0 argument diff (generated bindings, see file comment) shows no argument added or removed; no 6.26+ source read and no per-type search for 6.26-6.66 changes made',
    forceNew: ['name', 'name_prefix', 'role'],
    note: 'policy document updates in place (PutRolePolicy). name/name_prefix/role are ForceNew (ID = role:policy_name). 6.31 added a list resource only.',
  },
  aws_iam_role_policy_attachment: {
    source: 'internal/service/iam/role_policy_attachment.go@04c79849dbe7fbe76c3054b364357bcdaade9ac5',
    read: 'old 4.x-era version. 6.66 check: the 6.25.0 -> 6.66.0 argument diff (generated bindings, see file comment) shows no argument added or removed; no 6.26+ source read and no per-type search for 6.26-6.66 changes made',
    forceNew: ['policy_arn', 'role'],
    note: 'Verified in source: only role and policy_arn, both Required+ForceNew, and there is no Update function (attachment is immutable; any change = detach + attach). 6.18 added a list resource only.',
  },
  aws_internet_gateway: {
    source: 'internal/service/ec2/vpc_internet_gateway.go@08923b68b5ad6fcfdd38362fb5247e39a9b07add',
    read: '2023, aws-sdk-go v1 era; tiny schema. 6.66 check: the 6.25.0 -> 6.66.0 argument diff (generated bindings, see file comment) shows no argument added or removed; no 6.26+ source read and no per-type search for 6.26-6.66 changes made',
    forceNew: [],
    note: 'No ForceNew attributes: vpc_id is Optional+Computed and changed in place (detach from old VPC, attach to new). Only tags otherwise. No 6.x changelog entries for aws_internet_gateway.',
  },
  aws_kms_key: {
    source: 'internal/service/kms/key.go@0964ed39dadd350ec504a9535b4f507e649153d9',
    read: 'Read now: a 4.x-era version (aws-sdk-go v1): customer_master_key_spec, key_usage and multi_region are ForceNew there; custom_key_store_id and xks_key_id (added later) are ForceNew per the provider documentation, not read in source. 6.66 check: the 6.25.0 -> 6.66.0 argument diff (generated bindings, see file comment) shows no argument added or removed; no 6.26+ source read and no per-type search for 6.26-6.66 changes made',
    forceNew: ['custom_key_store_id', 'customer_master_key_spec', 'key_usage', 'multi_region', 'xks_key_id'],
    note: 'description, policy, enable_key_rotation, rotation_period_in_days, is_enabled, deletion_window_in_days and tags update in place.',
  },
  aws_lb: {
    source: 'internal/service/elbv2/load_balancer.go@00edc94be7a89c4c485415cdec27094875f61bfc',
    read: '6.x era; lacks secondary_ips_auto_assigned_per_subnet (~6.15) and health_check_logs (6.25.0). 6.66 check: the 6.25.0 -> 6.66.0 argument diff (generated bindings, see file comment) adds enable_prefix_for_ipv6_source_nat (PR #40431); its replacement behaviour was not verified (the stacks do not set it)',
    forceNew: ['customer_owned_ipv4_pool', 'internal', 'load_balancer_type', 'name', 'name_prefix'],
    conditional: [
      'customizeDiffLoadBalancerNLB (load_balancer_type=network, existing LB): subnet_mapping changed with same count or removed, or added while existing mappings changed -> ForceNew subnet_mapping; subnets count not increased (removed/replaced) -> ForceNew subnets; security_groups going from none to some or from some to none -> ForceNew security_groups',
      'customizeDiffLoadBalancerALB (load_balancer_type=application, existing LB): subnet_mapping entries changed (same count), or remaining/previous mappings altered when removing/adding -> ForceNew subnet_mapping (plain subnets changes are in place for ALB)',
    ],
    note: 'name is ForceNew (no rename in place). ip_address_type, security_groups (ALB), subnets (ALB), access_logs, connection_logs, idle_timeout etc. update in place. secondary_ips_auto_assigned_per_subnet and health_check_logs are load-balancer attributes (ModifyLoadBalancerAttributes) - not seen in the commit read, presumed not ForceNew (unverified).',
  },
  aws_lb_listener: {
    source: 'internal/service/elbv2/listener.go',
    read: 'SDK-v2/aws-sdk-go-v2 era with routing_http_* and tcp_idle_timeout_seconds (commit not reported); also read older @01c08000ddb14181b5bd19201d8fca311dc570e4. 6.66 check: the 6.25.0 -> 6.66.0 argument diff (generated bindings, see file comment) shows no argument added or removed; no 6.26+ source read and no per-type search for 6.26-6.66 changes made',
    forceNew: ['load_balancer_arn'],
    note: 'Only load_balancer_arn is ForceNew. port, protocol, ssl_policy, certificate_arn, alpn_policy, default_action (all nested), mutual_authentication and listener attributes are updated in place (ModifyListener / ModifyListenerAttributes). CustomizeDiff (validateListenerActionsCustomDiff) only validates. default_action.jwt_validation added in 6.22 (not in version read; no ForceNew changelog mention).',
  },
  aws_lb_listener_rule: {
    source: 'internal/service/elbv2/listener_rule.go',
    read: 'aws-sdk-go v1 era 5.x (commit not reported). 6.66 check: the 6.25.0 -> 6.66.0 argument diff (generated bindings, see file comment) adds condition.source_ip.ip_address_type; not verified (conditions are updated by ModifyRule in the version read)',
    forceNew: ['listener_arn'],
    note: 'listener_arn ForceNew. priority is explicitly ForceNew: false (changed in place via SetRulePriorities). action and condition blocks update in place (ModifyRule). 6.19 added transform block and regex_values (in-place per changelog); 6.22 added action.jwt_validation. Version read predates these; no changelog entry mentions ForceNew for this resource in 6.x.',
  },
  aws_lb_target_group: {
    source: 'internal/service/elbv2/target_group.go@013cfb4cddc9c44a28f34abad0c11768bcdb9b85',
    read: '6.x era, pre-6.25: lacks target_control_port. 6.66 check: the 6.25.0 -> 6.66.0 argument diff (generated bindings, see file comment) shows no argument added or removed; no 6.26+ source read and no per-type search for 6.26-6.66 changes made',
    forceNew: ['ip_address_type', 'name', 'name_prefix', 'port', 'protocol', 'protocol_version', 'target_type', 'vpc_id', 'target_control_port'],
    note: 'name, port, protocol, vpc_id, target_type ForceNew verified in source (port/protocol/vpc_id have a DiffSuppress when target_type=lambda on existing resources). CustomizeDiff (resourceTargetGroupCustomizeDiff, customizeDiffTargetGroupTargetTypeLambda/NotLambda) only validates; no ForceNew. health_check, stickiness, target_failover, target_group_health, target_health_state, deregistration_delay, slow_start etc. update in place. target_control_port was added in v6.25.0 (PR #45270) and is ForceNew per the PR description; not present in the commit read.',
  },
  aws_nat_gateway: {
    source: 'internal/service/ec2/vpc_nat_gateway.go',
    read: 'includes regional NAT gateway support of 6.24.0 (availability_mode, vpc_id, availability_zone_address), so >= 6.24 (commit not reported; a slightly larger later revision, index id 5469497972, also exists); older 5.x @04088eaa54948421bf1ef7494ae2b2c01d9243e3 differs (see note). 6.66 check: the 6.25.0 -> 6.66.0 argument diff (generated bindings, see file comment) shows no argument added or removed; no 6.26+ source read and no per-type search for 6.26-6.66 changes made',
    forceNew: ['allocation_id', 'availability_mode', 'connectivity_type', 'private_ip', 'subnet_id', 'vpc_id'],
    conditional: [
      'connectivity_type=private, existing gateway: a configured change of secondary_private_ip_address_count forces replacement (diff.ForceNew)',
      'availability_mode=regional: switching availability_zone_address between auto mode (no blocks) and manual mode (blocks) is rejected with a plan error (not a replacement)',
    ],
    note: 'subnet_id is Optional+ForceNew since 6.24 (regional NAT gateways need no subnet). secondary_allocation_ids and secondary_private_ip_addresses update in place (associate/assign). availability_zone_address entries update in place for regional gateways. In pre-6.24 (5.x) versions secondary_private_ip_address_count was a schema-level ForceNew; in the 6.24+ code it is ForceNew only via CustomizeDiff for private gateways.',
  },
  aws_route: {
    source: 'internal/service/ec2/vpc_route.go@0128541e0711766f28540143a9d73738aced60aa',
    read: '2023, aws-sdk-go v1 era. 6.66 check: the 6.25.0 -> 6.66.0 argument diff (generated bindings, see file comment) adds odb_network_arn, a route target; not verified (targets change in place via ReplaceRoute in the version read)',
    forceNew: ['route_table_id', 'destination_cidr_block', 'destination_ipv6_cidr_block', 'destination_prefix_list_id'],
    note: 'Route identity = route_table_id + destination, so all destination attributes are ForceNew. All targets (gateway_id, nat_gateway_id, network_interface_id, transit_gateway_id, vpc_endpoint_id, vpc_peering_connection_id, egress_only_gateway_id, carrier_gateway_id, core_network_arn, local_gateway_id) change in place via ReplaceRoute. Version read is older than 6.25.0 (6.x may differ in deprecated instance_id handling); no 6.x changelog entry touches aws_route ForceNew.',
  },
  aws_route53_record: {
    source: 'internal/service/route53/record.go@00655c1681ea1e49ab10cd32d3f8bee372b2095b',
    read: 'Newest stored version (re-read now): 2026 header, errors.AsType (Go 1.26), @MutableIdentity, batch-read cache; type has no schema ForceNew and Update handles a type change with one DELETE+CREATE ChangeResourceRecordSets batch (whether this file is before or after PR #47105 cannot be told from it; the mechanism that replaced on a type change before the PR was not seen). Also stored: an old 3.x version @6f9f473445500e41170df78104b8770b20fb9f03. 6.26-6.66 evidence: .changelog/47105.txt@5dc9c26a54bd262bbcbc55f066f6e1d36ce6b4f1 (\'Fix the `type` attribute to no longer force resource replacement on change\'); PR #47105 (closes issue #43500, opened against 6.4.0: since 6.4 a type change planned a replacement; PR thread: main had an acceptance test expecting Replace on a type change; final test run 2026-06-25) merged, i.e. well before 6.66.0 (the @cdktn/provider-aws 25.7.0 build of 6.66.0 is dated 2026-09-23). 6.66 check: the 6.25.0 -> 6.66.0 argument diff (generated bindings, see file comment) shows no argument added or removed',
    forceNew: ['name', 'zone_id'],
    note: 'Only name and zone_id force replacement in 6.66. type: replaced on change from 6.4 until the release with PR #47105 per issue #43500 and the PR thread, so presumably also in 6.25.0 (the 6.25 table listed it as in place); in place in 6.66 (one transactional DELETE+CREATE). set_identifier, records, ttl, alias, routing policies, health_check_id, allow_overwrite update in place (UPSERT, or DELETE+CREATE when type/set_identifier change). Which release first carried #47105 was not established (no 6.33+ CHANGELOG.md in the index). Route 53 is global: no region attribute/replacement.',
  },
  aws_route_table: {
    source: 'internal/service/ec2/vpc_route_table.go@022092419b7cda11527df3c6b51cbfe1876c1722',
    read: 'late 2023, aws-sdk-go v1 era. 6.66 check: the 6.25.0 -> 6.66.0 argument diff (generated bindings, see file comment) adds route.odb_network_arn inside the inline route set; not verified (the set is reconciled in place in the version read)',
    forceNew: ['vpc_id'],
    note: 'Only vpc_id is ForceNew. Inline route set (attribute-as-blocks) and propagating_vgws are reconciled in place (CreateRoute/ReplaceRoute/DeleteRoute, Enable/DisableVgwRoutePropagation); nested route.* fields are not ForceNew.',
  },
  aws_route_table_association: {
    source: 'internal/service/ec2/vpc_route_table_association.go@0be71beb458ad8875e0acc5c91519c0ceeb214aa',
    read: '2023, aws-sdk-go v1 era. 6.66 check: the 6.25.0 -> 6.66.0 argument diff (generated bindings, see file comment) shows no argument added or removed; no 6.26+ source read and no per-type search for 6.26-6.66 changes made',
    forceNew: ['gateway_id', 'subnet_id'],
    note: 'route_table_id is NOT ForceNew: changed in place via ReplaceRouteTableAssociation (the resource ID changes to the new association ID). subnet_id / gateway_id (exactly one) are ForceNew.',
  },
  aws_s3_bucket: {
    source: 'internal/service/s3/bucket.go',
    read: '5.x era, aws-sdk-go-v2 types (commit not reported by the index; object_lock_enabled and object_lock_configuration.object_lock_enabled are schema ForceNew there); older 4.0-era @0070bcd12c952f14c5434a6f351ef7b6fa791226 also read. No 6.x bucket.go could be read (the newest versions are past the 100,000 characters find_string searches). 6.26-6.66 evidence: .changelog/36530.txt@2aed80372529caddccbec8cb92b34923938b70d5 (\'Setting `object_lock_enabled` to `true` no longer forces a replacement\'; \'Setting `object_lock_configuration.object_lock_enabled` to `Enabled` no longer forces a replacement\'); PR #36530 merged ~2026-09-02 with Update handling for object_lock_enabled. PR #46917 (6.37) adds bucket_namespace documented \'(Optional, Forces new resource)\'. 6.66 check: the 6.25.0 -> 6.66.0 argument diff (generated bindings, see file comment) adds bucket_namespace only',
    forceNew: ['bucket', 'bucket_namespace', 'bucket_prefix'],
    conditional: [
      'object_lock_enabled / object_lock_configuration.object_lock_enabled: enabling (false/unset -> true, unset -> Enabled) is applied in place in 6.66 (PutObjectLockConfiguration); whether disabling (true -> false) still forces replacement was not verified (AWS cannot disable Object Lock; the 6.66 code was not read)',
    ],
    note: 'bucket, bucket_prefix and bucket_namespace (account-regional or global; Optional+Computed) force replacement (a rename = new bucket; destroy of the old one fails if non-empty unless force_destroy=true). The stacks set neither object_lock_enabled nor bucket_namespace. All deprecated inline configuration blocks (acl, grant, cors_rule, lifecycle_rule, logging, policy, replication_configuration, server_side_encryption_configuration, versioning, website, acceleration_status, request_payer) and force_destroy/tags are in place.',
  },
  aws_s3_bucket_lifecycle_configuration: {
    source: 'internal/service/s3/bucket_lifecycle_configuration.go@01606926a0c0ab9174aec440f976a48b0baee722',
    read: '6.x era Plugin Framework resource. 6.66 check: the 6.25.0 -> 6.66.0 argument diff (generated bindings, see file comment) shows no argument added or removed; no 6.26+ source read and no per-type search for 6.26-6.66 changes made',
    forceNew: ['bucket', 'expected_bucket_owner'],
    note: 'Plugin Framework: bucket has stringplanmodifier.RequiresReplace(); expected_bucket_owner has RequiresReplace() (plus UseStateForUnknown; Optional+Computed). Neither is the IfConfigured variant. rule blocks (filter, expiration, transition, noncurrent_*, abort_incomplete_multipart_upload, status, id, prefix) and transition_default_minimum_object_size update in place (PutBucketLifecycleConfiguration). expected_bucket_owner deprecated in 6.31.0 (after 6.25).',
  },
  aws_s3_bucket_ownership_controls: {
    source: 'internal/service/s3/bucket_ownership_controls.go@01c08000ddb14181b5bd19201d8fca311dc570e4',
    read: '2023, aws-sdk-go v1 era; tiny schema. 6.66 check: the 6.25.0 -> 6.66.0 argument diff (generated bindings, see file comment) shows no argument added or removed; no 6.26+ source read and no per-type search for 6.26-6.66 changes made',
    forceNew: ['bucket'],
    note: 'rule.object_ownership updates in place (PutBucketOwnershipControls). 6.10 added resource identity only.',
  },
  aws_s3_bucket_policy: {
    source: 'internal/service/s3/bucket_policy.go@0073593e7d6993ba482409f4dc35438daaa79bb3',
    read: '6.x era (the commit of the 6.x logs/group.go read). 6.66 check: the 6.25.0 -> 6.66.0 argument diff (generated bindings, see file comment) shows no argument added or removed; no 6.26+ source read and no per-type search for 6.26-6.66 changes made',
    forceNew: ['bucket'],
    note: 'policy updates in place (PutBucketPolicy; equivalent-JSON diffs suppressed). 6.31 added a list resource only.',
  },
  aws_s3_bucket_public_access_block: {
    source: 'internal/service/s3/bucket_public_access_block.go@01606926a0c0ab9174aec440f976a48b0baee722',
    read: '6.x: includes skip_destroy (6.4.0). 6.66 check: the 6.25.0 -> 6.66.0 argument diff (generated bindings, see file comment) shows no argument added or removed; no 6.26+ source read and no per-type search for 6.26-6.66 changes made',
    forceNew: ['bucket'],
    note: 'block_public_acls, block_public_policy, ignore_public_acls, restrict_public_buckets and skip_destroy update in place (PutPublicAccessBlock). No expected_bucket_owner argument on this resource.',
  },
  aws_s3_bucket_server_side_encryption_configuration: {
    source: 'internal/service/s3/bucket_server_side_encryption_configuration.go@01606926a0c0ab9174aec440f976a48b0baee722',
    read: '6.x era, pre-6.22: lacks rule.blocked_encryption_types. 6.66 check: the 6.25.0 -> 6.66.0 argument diff (generated bindings, see file comment) shows no argument added or removed; no 6.26+ source read and no per-type search for 6.26-6.66 changes made',
    forceNew: ['bucket', 'expected_bucket_owner'],
    note: 'rule set (apply_server_side_encryption_by_default.sse_algorithm / kms_master_key_id, bucket_key_enabled) updates in place via PutBucketEncryption. rule.blocked_encryption_types (added 6.22.0) not in the version read; being part of the rule set it is presumably in place (unverified). expected_bucket_owner deprecated in 6.31.0.',
  },
  aws_s3_bucket_versioning: {
    source: 'internal/service/s3/bucket_versioning.go@01c08000ddb14181b5bd19201d8fca311dc570e4',
    read: '2023, v5-era. 6.66 check: the 6.25.0 -> 6.66.0 argument diff (generated bindings, see file comment) shows no argument added or removed; no 6.26+ source read and no per-type search for 6.26-6.66 changes made',
    forceNew: ['bucket', 'expected_bucket_owner'],
    note: 'mfa and versioning_configuration (status, mfa_delete) update in place. CustomizeDiff only raises a plan error when changing status from Enabled/Suspended to Disabled (not a replacement). expected_bucket_owner deprecated in 6.31 (after 6.25). Plus provider-wide region ForceNew (6.x).',
  },
  aws_secretsmanager_secret: {
    source: 'internal/service/secretsmanager/secret.go@00c21cedec069dd27093b175baf15bac6d4b30fe',
    read: '5.x era, aws-sdk-go-v2; pre-6.10 identity support. 6.66 check: the 6.25.0 -> 6.66.0 argument diff (generated bindings, see file comment) adds type (the partner type of AWS managed external secrets); its replacement behaviour was not verified (the stacks do not set it)',
    forceNew: ['name', 'name_prefix'],
    note: 'Verified: name is ForceNew (renaming = new secret; note the old one enters its recovery window unless recovery_window_in_days=0, which can block re-creating a secret with the same name). description, kms_key_id (UpdateSecret), policy, replica (add/remove regions), recovery_window_in_days, force_overwrite_replica_secret update in place. 6.x changelog: identity support (6.10), policy warning (6.13), list resource (6.32, unreleased) - no ForceNew change.',
  },
  aws_secretsmanager_secret_version: {
    source: 'internal/service/secretsmanager/secret_version.go@0042e8ea0de293c6cd8b003f89f7f4d2fb5fcf31',
    read: 'Newest version found (re-read now): identity preIdentityVersion v6.10.0, still calls GetSecretValue for write-only secrets (predates the 6.26.0 fix #44876), so within 6.10-6.25; secret_binary, secret_id, secret_string, secret_string_wo_version are schema ForceNew there. Other stored versions are older (e.g. @3007dfc3b5ae1a899b9f3c256ed125632f9b4df5, aws-sdk-go v1). 6.26-6.66 evidence: PR #47815 (merged, opened 2026-05-07) \'Allow switching from `secret_string` to `secret_string_wo` without re-creating\'; PR #48011 (merged, 2026-05-21) adds secret_arn and deprecates arn, and secret_arn is in the 6.66.0 schema, so 6.66 is after both; PR #49295 (closed, 2026-08) cites a secretVersionForceNewCustomDiffInner that replaces whenever the configured secret_string_wo_version differs from state. 6.66 check: the 6.25.0 -> 6.66.0 argument diff (generated bindings, see file comment) shows no argument added or removed (secret_arn is computed)',
    forceNew: ['secret_binary', 'secret_id', 'secret_string', 'secret_string_wo_version'],
    conditional: [
      'secret_string -> secret_string_wo (with secret_string_wo_version) on an existing version: no replacement in 6.66 (PR #47815); the stub does not model this and reports a replacement for it. Exact conditions of the 6.66 CustomizeDiff not read',
    ],
    note: 'A changed secret_string / secret_binary value, secret_id, or a changed secret_string_wo_version still replaces (new secret version via PutSecretValue; the old version\'s non-AWSCURRENT labels are removed on delete). secret_string_wo itself is write-only and not compared. version_stages updates in place (UpdateSecretVersionStage). The stacks use secret_string only.',
  },
  aws_security_group: {
    source: 'internal/service/ec2/vpc_security_group.go@01606926a0c0ab9174aec440f976a48b0baee722',
    read: '6.x era: @IdentityAttribute, preIdentityVersion v6.7.0. 6.66 check: the 6.25.0 -> 6.66.0 argument diff (generated bindings, see file comment) shows no argument added or removed; no 6.26+ source read and no per-type search for 6.26-6.66 changes made',
    forceNew: ['description', 'name', 'name_prefix', 'vpc_id'],
    note: 'Verified: name, description and vpc_id are all ForceNew (description change => replacement). ingress/egress (inline rule sets, attribute-as-blocks) and revoke_rules_on_delete update in place; nested rule fields are not ForceNew. No ForceNew-related changelog entries 6.0-6.32 (6.29 only added a list resource).',
  },
  aws_service_discovery_private_dns_namespace: {
    source: 'internal/service/servicediscovery/private_dns_namespace.go',
    read: 'v5.x-era AWS SDK v2 version (commit not reported); also older @553792754af7eec81e5fb8df99e71bab9e35f21e where description was still ForceNew. 6.66 check: the 6.25.0 -> 6.66.0 argument diff (generated bindings, see file comment) shows no argument added or removed; no 6.26+ source read and no per-type search for 6.26-6.66 changes made',
    forceNew: ['name', 'vpc'],
    note: 'description is updated in place (UpdatePrivateDnsNamespace) in the v5-era version read; it was ForceNew in older 3.x/4.x versions. tags in place. No 6.x schema changes found in CHANGELOG other than provider-wide region (ForceNew on region change).',
  },
  aws_service_discovery_service: {
    source: 'internal/service/servicediscovery/service.go',
    read: 'v5.x-era AWS SDK v2 version with the 6.0 failure_threshold deprecation (commit not reported); also older @e33a89d079930e92c79a986c9c041c5ed5191639. 6.66 check: the 6.25.0 -> 6.66.0 argument diff (generated bindings, see file comment) shows no argument added or removed; no 6.26+ source read and no per-type search for 6.26-6.66 changes made',
    forceNew: ['name', 'namespace_id', 'type', 'dns_config.namespace_id', 'dns_config.routing_policy', 'dns_config.dns_records.type', 'health_check_config.type', 'health_check_custom_config', 'health_check_custom_config.failure_threshold'],
    note: 'description, dns_config.dns_records.ttl (and adding/removing dns_records entries), health_check_config.failure_threshold/resource_path, force_destroy, tags update in place. health_check_custom_config is a whole ForceNew block (failure_threshold deprecated in 6.0, always 1). Plus provider-wide region ForceNew.',
  },
  aws_sns_topic: {
    source: 'internal/service/sns/topic.go',
    read: 'late v5.x AWS SDK v2 version (commit not reported); also older @cda04ab9f781590765d09e3883f1f56e29710079, identical ForceNew set. 6.66 check: the 6.25.0 -> 6.66.0 argument diff (generated bindings, see file comment) shows no argument added or removed; no 6.26+ source read and no per-type search for 6.26-6.66 changes made',
    forceNew: ['name', 'name_prefix', 'fifo_topic'],
    note: 'All other arguments (display_name, policy, delivery_policy, kms_master_key_id, content_based_deduplication, archive_policy, signature_version, tracing_config, *_feedback_* args, tags) are applied in place via SetTopicAttributes. CustomizeDiff only validates (name regex on create; archive_policy/content_based_deduplication only allowed for FIFO) — no conditional replacement. fifo_throughput_scope (added late 5.x) not present in version read; by the attribute-map design it is set via SetTopicAttributes (in place) — unverified. 6.x: resource identity added (no schema ForceNew change); provider-wide region ForceNew.',
  },
  aws_sns_topic_policy: {
    source: 'internal/service/sns/topic_policy.go',
    read: 'not read in source: from the provider documentation. 6.66 check: the 6.25.0 -> 6.66.0 argument diff (generated bindings, see file comment) shows no argument added or removed; no 6.26+ source read and no per-type search for 6.26-6.66 changes made',
    forceNew: ['arn'],
    note: 'policy updates in place (SetTopicAttributes Policy).',
  },
  aws_sns_topic_subscription: {
    source: 'internal/service/sns/topic_subscription.go',
    read: 'not read in source: from the provider documentation. 6.66 check: the 6.25.0 -> 6.66.0 argument diff (generated bindings, see file comment) shows no argument added or removed; no 6.26+ source read and no per-type search for 6.26-6.66 changes made',
    forceNew: ['confirmation_timeout_in_minutes', 'endpoint', 'endpoint_auto_confirms', 'protocol', 'topic_arn'],
    note: 'filter_policy, filter_policy_scope, raw_message_delivery, redrive_policy, delivery_policy, subscription_role_arn update in place (SetSubscriptionAttributes). A changed alarm_email replaces the subscription (a new confirmation mail).',
  },
  aws_subnet: {
    source: 'internal/service/ec2/vpc_subnet.go@00cda125a19d31754cb0d073cf551264c57955cb',
    read: 'Read now: 2026 header, post-6.29 (IPAM arguments, ipv6 CustomizeDiff, guard for IPAM-computed ipv6_cidr_block in Update); the 6.25 table used a 6.17-6.28 version (commit not reported). 6.66 check: the 6.25.0 -> 6.66.0 argument diff (generated bindings, see file comment) adds ipv4_ipam_pool_id, ipv4_netmask_length, ipv6_ipam_pool_id, ipv6_netmask_length (all ForceNew in the version read; Optional+Computed in the 6.66 schema, Optional only in the version read, so 6.66 is newer than the file read)',
    forceNew: ['availability_zone', 'availability_zone_id', 'cidr_block', 'ipv4_ipam_pool_id', 'ipv4_netmask_length', 'ipv6_ipam_pool_id', 'ipv6_native', 'ipv6_netmask_length', 'outpost_arn', 'vpc_id'],
    conditional: [
      'CustomizeDiff ForceNewIf(ipv6_cidr_block): a changed ipv6_cidr_block replaces the subnet when the prior state had assign_ipv6_address_on_creation = true; otherwise it is disassociated/associated in place',
    ],
    note: 'cidr_block, availability_zone(_id), vpc_id, ipv6_native, outpost_arn and the four IPAM arguments force replacement. map_public_ip_on_launch, assign_ipv6_address_on_creation, enable_dns64, enable_resource_name_dns_a(aaa)_record_on_launch, private_dns_hostname_type_on_launch, customer_owned_ipv4_pool, map_customer_owned_ip_on_launch, enable_lni_at_device_index update in place.',
  },
  aws_vpc: {
    source: 'internal/service/ec2/vpc_.go@00081ce41cc691433ac19bf42227cdabffd0454d',
    read: '5.x era, aws-sdk-go-v2; pre-6.25. 6.66 check: the 6.25.0 -> 6.66.0 argument diff (generated bindings, see file comment) shows no argument added or removed; no 6.26+ source read and no per-type search for 6.26-6.66 changes made',
    forceNew: ['cidr_block', 'ipv4_ipam_pool_id', 'ipv4_netmask_length'],
    conditional: [
      'resourceVPCCustomizeDiff: instance_tenancy change forces replacement unless it is dedicated -> default (that one is ModifyVpcTenancy in place)',
      'resourceVPCCustomizeDiff: on an existing VPC a cidr_block change forces replacement, unless ipv4_netmask_length is set (IPAM-derived) in which case the diff is cleared',
    ],
    note: 'enable_dns_hostnames, enable_dns_support, enable_network_address_usage_metrics, assign_generated_ipv6_cidr_block, ipv6_cidr_block, ipv6_ipam_pool_id, ipv6_netmask_length, ipv6_cidr_block_network_border_group update in place (disassociate/associate). 6.x changelog has only bug fixes for aws_vpc (6.15 ipv6_cidr_block read fix, 6.28 RAM-shared import fix) - no ForceNew change.',
  },
  aws_vpc_security_group_egress_rule: {
    source: 'internal/service/ec2/vpc_security_group_egress_rule.go',
    read: '5.x era Plugin Framework (commit not reported). 6.66 check: the 6.25.0 -> 6.66.0 argument diff (generated bindings, see file comment) shows no argument added or removed; no 6.26+ source read and no per-type search for 6.26-6.66 changes made',
    forceNew: ['security_group_id'],
    conditional: [
      'ModifyPlan (shared securityGroupRuleResource): changing the source type (cidr_ipv4 / cidr_ipv6 / prefix_list_id / referenced_security_group_id) forces replacement',
    ],
    note: 'Same schema/ModifyPlan as the ingress rule: the egress resource embeds securityGroupRuleResource and only overrides create/delete/findByID. security_group_id: RequiresReplace(). Everything else in place (ModifySecurityGroupRules).',
  },
  aws_vpc_security_group_ingress_rule: {
    source: 'internal/service/ec2/vpc_security_group_ingress_rule.go',
    read: 'Plugin Framework, aws-sdk-go-v2, 5.x era (pre-6.13 identity; commit not reported). 6.66 check: the 6.25.0 -> 6.66.0 argument diff (generated bindings, see file comment) shows no argument added or removed; no 6.26+ source read and no per-type search for 6.26-6.66 changes made',
    forceNew: ['security_group_id'],
    conditional: [
      'ModifyPlan: on update, if the rule\'s source type changes (which one of cidr_ipv4 / cidr_ipv6 / prefix_list_id / referenced_security_group_id is set), RequiresReplace is set on the old and new source attributes',
    ],
    note: 'Plugin Framework resource. security_group_id has stringplanmodifier.RequiresReplace() (not the IfConfigured variant). cidr_ipv4/cidr_ipv6/prefix_list_id/referenced_security_group_id value changes (same source type), from_port, to_port, ip_protocol, description are updated in place via ModifySecurityGroupRules. 6.13 only added resource identity (no schema replacement change).',
  },
  aws_wafv2_web_acl: {
    source: 'internal/service/wafv2/web_acl.go@0073593e7d6993ba482409f4dc35438daaa79bb3',
    read: '6.x era, aws-sdk-go-v2 with rule_json (the commit of the logs/group.go read); commit not tied to a tag. 6.66 check: the 6.25.0 -> 6.66.0 argument diff (generated bindings, see file comment) shows no argument added or removed; no 6.26+ source read and no per-type search for 6.26-6.66 changes made',
    forceNew: ['name', 'name_prefix', 'scope'],
    note: 'name, name_prefix and scope are ForceNew. rule (a set: a changed rate limit or rule group is an in-place UpdateWebACL with the lock token), default_action, visibility_config, description, custom_response_body, association_config, captcha/challenge_config, token_domains and tags update in place.',
  },
  aws_wafv2_web_acl_association: {
    source: 'internal/service/wafv2/web_acl_association.go@011a8eed43ed7763ef9de18cbb776eb29c762452',
    read: '6.x era, aws-sdk-go-v2; commit not tied to a tag. 6.66 check: the 6.25.0 -> 6.66.0 argument diff (generated bindings, see file comment) shows no argument added or removed; no 6.26+ source read and no per-type search for 6.26-6.66 changes made',
    forceNew: ['resource_arn', 'web_acl_arn'],
    note: 'No Update function: both arguments are ForceNew. Delete is DisassociateWebACL; a replacement of the web ACL replaces the association.',
  },
  random_bytes: {
    source: 'internal/provider/resource_bytes.go@f8d869dc98d90785f6c8f7131081fa5ef88f9d95',
    read: 'tag v3.9.0 (commit f8d869dc; read before at tag v3.7.2 @bc2ddb552b4676d16997987a9bf2875c7b98d342). git diff v3.7.2..v3.9.0 of this file and internal/planmodifiers: copyright headers and formatting only. The fetched snapshot has no v3.9.1 tag; its HEAD ad788e233bb42be5ecad3ba8f43de0d9d9dc7185 (2026-06-11, after v3.9.0) has no change under internal/. 3.7.2 -> 3.9.1 argument diff (generated bindings): none',
    forceNew: ['keepers', 'length'],
    note: 'Plugin Framework. Both use the standard framework RequiresReplace() (keepers uses mapplanmodifier.RequiresReplace, NOT the null-tolerant custom modifier used by random_id/random_password — random_bytes was born on the framework). No RequiresReplaceIfConfigured, no ModifyPlan. base64 and hex are computed, sensitive, UseStateForUnknown.',
  },
  random_id: {
    source: 'internal/provider/resource_id.go@f8d869dc98d90785f6c8f7131081fa5ef88f9d95',
    read: 'tag v3.9.0 (commit f8d869dc; read before at tag v3.7.2 @bc2ddb552b4676d16997987a9bf2875c7b98d342). git diff v3.7.2..v3.9.0 of this file and internal/planmodifiers: copyright headers and formatting only. The fetched snapshot has no v3.9.1 tag; its HEAD ad788e233bb42be5ecad3ba8f43de0d9d9dc7185 (2026-06-11, after v3.9.0) has no change under internal/. 3.7.2 -> 3.9.1 argument diff (generated bindings): none',
    forceNew: ['keepers', 'byte_length', 'prefix'],
    conditional: [
      'keepers: custom plan modifier RequiresReplaceIfValuesNotNull (internal/planmodifiers/map/mapplanmodifiers.go) — replaces when the keepers map changes, EXCEPT when the only differences are keys whose config value is null (SDKv2-migration guard: null-valued keys / null-vs-all-null-map do not trigger replacement); removing a key that exists in state does trigger replacement',
    ],
    note: 'Plugin Framework. byte_length and prefix use the standard RequiresReplace() (unconditional, not IfConfigured). No RequiresReplaceIfConfigured and no resource-level ModifyPlan. Computed outputs (b64_url, b64_std, hex, dec, id) use UseStateForUnknown. Update just copies plan to state.',
  },
  random_password: {
    source: 'internal/provider/resource_password.go@f8d869dc98d90785f6c8f7131081fa5ef88f9d95',
    read: 'tag v3.9.0 (commit f8d869dc; read before at tag v3.7.2 @bc2ddb552b4676d16997987a9bf2875c7b98d342). git diff v3.7.2..v3.9.0 of this file and internal/planmodifiers: copyright headers and formatting only. The fetched snapshot has no v3.9.1 tag; its HEAD ad788e233bb42be5ecad3ba8f43de0d9d9dc7185 (2026-06-11, after v3.9.0) has no change under internal/. 3.7.2 -> 3.9.1 argument diff (generated bindings): none; schema version 3',
    forceNew: ['keepers', 'length', 'special', 'upper', 'lower', 'number', 'numeric', 'min_numeric', 'min_upper', 'min_lower', 'min_special', 'override_special'],
    conditional: [
      'keepers: RequiresReplaceIfValuesNotNull (same custom modifier as random_id: null-valued key changes don\'t replace)',
      'override_special: RequiresReplaceIf(RequiresReplaceUnlessEmptyStringToNull) — replaces on any change except state "" -> config null (fix for 3.4.2 empty-string default); no replacement decision while config is unknown',
    ],
    note: 'Plugin Framework. length/special/upper/lower/number/numeric/min_* use standard RequiresReplace(). number is deprecated in favour of numeric; NumberNumericAttributePlanModifier keeps them in sync (errors if both set to different values). No RequiresReplaceIfConfigured, no resource-level ModifyPlan. result, bcrypt_hash, id are computed with UseStateForUnknown.',
  },
};

/** The ForceNew paths the stub checks for a type (see the file comment for `region`). */
export function forceNewPaths(typeName: string, block: SchemaBlock): readonly string[] {
  const facts = FORCE_NEW[typeName]?.forceNew ?? [];
  return typeName.startsWith('aws_') && block.attributes.region ? [...facts, 'region'] : facts;
}

type Obj = { readonly [key: string]: unknown };
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? []) === JSON.stringify(b ?? []);

/**
 * Plans the provider refuses (CustomizeDiff errors), as [summary, detail]. aws_ecs_service,
 * capacityProviderStrategyCustomizeDiff (6.15.0 onwards, PR #43533): an existing service whose
 * capacity_provider_strategy changes needs force_new_deployment = true, else the plan fails.
 */
export function planErrors(typeName: string, prior: unknown, planned: unknown): [string, string][] {
  if (typeName !== 'aws_ecs_service' || prior === null || planned === null || typeof prior !== 'object' || typeof planned !== 'object') return [];
  const before = (prior as Obj).capacity_provider_strategy;
  const after = (planned as Obj).capacity_provider_strategy;
  if (same(before, after) || (planned as Obj).force_new_deployment === true) return [];
  return [['force_new_deployment should be true when capacity_provider_strategy is being updated', `${typeName}: capacity_provider_strategy changes on an existing service.`]];
}
