/**
 * Deploy-time model: the critical path of `terraform apply` through the synthesized dependency graph
 * (depends_on plus references), with each resource's duration from tools/cost/durations.json and, for
 * ECS services, from the settings the stack fixes (target-group health checks, deregistration delay,
 * deployment percents, wait_for_steady_state, container dependencies and health checks).
 *
 * Two scenarios: the first apply (everything created) and a routine image update (image_tag changes:
 * the task definitions that use it are replaced and the services that run them roll).
 */
import durationsFile from './durations.json';
import { Config, containers, Json } from './stack';

export type Case = 'best' | 'typical' | 'worst';
export const CASES: readonly Case[] = ['best', 'typical', 'worst'];
type Range = Record<Case, number>;

const D = durationsFile;
const range = (r: { best: number; typical: number; worst: number }): Range => ({ best: r.best, typical: r.typical, worst: r.worst });
const add = (...rs: Range[]): Range => ({
  best: rs.reduce((s, r) => s + r.best, 0),
  typical: rs.reduce((s, r) => s + r.typical, 0),
  worst: rs.reduce((s, r) => s + r.worst, 0),
});
const flat = (seconds: number): Range => ({ best: seconds, typical: seconds, worst: seconds });

export interface Node {
  readonly address: string;
  readonly deps: string[];
  readonly duration: Range;
  /** How the duration is made up, for the report. */
  readonly detail: string;
}

export interface PathStep {
  readonly address: string;
  readonly seconds: number;
  readonly detail: string;
}

export interface Scenario {
  readonly name: string;
  readonly totals: Range;
  /** The critical path of the typical case (the others are computed the same way on their own durations). */
  readonly path: PathStep[];
  /** The critical path of the worst case, when it differs from the typical one: address and seconds. */
  readonly worstPath?: PathStep[];
  readonly resources: number;
}

export interface DeployTimeResult {
  readonly line: string;
  readonly firstApply: Scenario;
  readonly imageUpdate: Scenario;
  readonly notes: string[];
}

const REF = /\b(data\.)?((?:aws|random)_[a-z0-9_]+)\.([a-z0-9_]+)\b/g;
const LOCAL = /\blocal\.([a-z0-9_]+)\b/g;

/** Addresses an expression refers to, through locals, that are nodes of the graph. */
function references(config: Config, text: string, nodes: Set<string>, seenLocals = new Set<string>()): Set<string> {
  const found = new Set<string>();
  for (const m of text.matchAll(REF)) {
    const address = `${m[1] ?? ''}${m[2]}.${m[3]}`;
    if (nodes.has(address)) found.add(address);
  }
  for (const m of text.matchAll(LOCAL)) {
    if (seenLocals.has(m[1])) continue;
    seenLocals.add(m[1]);
    const local = config.stack.locals?.[m[1]];
    if (local !== undefined) for (const a of references(config, JSON.stringify(local), nodes, seenLocals)) found.add(a);
  }
  return found;
}

/** Variables an expression reads, through locals. */
function variablesRead(config: Config, text: string, seenLocals = new Set<string>()): Set<string> {
  const found = new Set<string>();
  for (const m of text.matchAll(/\bvar\.([a-z0-9_]+)\b/g)) found.add(m[1]);
  for (const m of text.matchAll(LOCAL)) {
    if (seenLocals.has(m[1])) continue;
    seenLocals.add(m[1]);
    const local = config.stack.locals?.[m[1]];
    if (local !== undefined) for (const v of variablesRead(config, JSON.stringify(local), seenLocals)) found.add(v);
  }
  return found;
}

/** The body of a resource or data source without its metadata and meta-arguments. */
function bodyText(body: Json): string {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { '//': _meta, depends_on: _deps, ...rest } = body;
  return JSON.stringify(rest);
}

interface Block {
  readonly address: string;
  readonly type: string;
  readonly body: Json;
}

/** Resources and data sources that exist in the configuration. */
function blocks(config: Config): Block[] {
  const list: Block[] = [];
  for (const [type, byName] of Object.entries((config.stack.resource ?? {}) as Json)) {
    for (const [name, body] of Object.entries(byName as Json)) {
      if (config.count(body as Json) > 0) list.push({ address: `${type}.${name}`, type, body: body as Json });
    }
  }
  for (const [type, byName] of Object.entries((config.stack.data ?? {}) as Json)) {
    for (const [name, body] of Object.entries(byName as Json)) {
      if (config.count(body as Json) > 0) list.push({ address: `data.${type}.${name}`, type: `data.${type}`, body: body as Json });
    }
  }
  return list;
}

/** The containers of an ECS service's task definition. */
function taskContainers(config: Config, service: Json): Json[] {
  const tdAddress = /aws_ecs_task_definition\.([a-z0-9_]+)/.exec(service.task_definition)?.[1];
  return containers(config, config.stack.resource.aws_ecs_task_definition[tdAddress!]);
}

/** Init containers: non-essential containers an essential one waits for (SUCCESS/COMPLETE), run in sequence. */
function initContainers(list: Json[]): string[] {
  const byName = Object.fromEntries(list.map((c) => [c.name, c]));
  const names = new Set<string>();
  for (const c of list.filter((c) => c.essential !== false)) {
    for (const dep of c.dependsOn ?? []) if (['SUCCESS', 'COMPLETE'].includes(dep.condition) && byName[dep.containerName]?.essential === false) names.add(dep.containerName);
  }
  return [...names];
}

/**
 * An init container named `await-<ECS service name>` waits until that service's tasks answer. In a rolling
 * update they answer throughout (the old tasks serve until the new are healthy), so it returns at once; on a
 * first apply the model puts the whole service before it, an upper bound (it only needs the first task).
 */
const AWAIT = /^await-(.+)$/;

/** Duration of one task of an ECS service from launch until ECS counts it healthy. */
function newTask(config: Config, service: Json, mode: 'create' | 'update'): { range: Range; detail: string } {
  const list = taskContainers(config, service);
  const parts: string[] = [];
  let total = range(D.ecs.task_launch);
  parts.push(`launch ${D.ecs.task_launch.typical}s`);
  for (const name of initContainers(list)) {
    const r = /schema/.test(name) ? range(mode === 'create' ? D.ecs.temporal_schema_first : D.ecs.temporal_schema_update) : /migrate/.test(name) ? range(D.ecs.migrate) : range(D.ecs.app_boot);
    total = add(total, r);
    parts.push(`${name} ${r.typical}s`);
  }
  // The essential containers start (in parallel); health check if any: HEALTHY at the first passing check.
  let boot: Range = flat(0);
  let bootDetail = '';
  for (const c of list.filter((c) => c.essential !== false)) {
    let r = /temporal/.test(c.name) ? range(D.ecs.temporal_boot) : range(D.ecs.app_boot);
    if (c.healthCheck) {
      const interval = Number(c.healthCheck.interval ?? 30);
      r = add(r, { best: 0, typical: interval / 2, worst: interval });
    }
    if (r.typical > boot.typical) {
      boot = r;
      bootDetail = `${c.name} up${c.healthCheck ? ` + health check every ${c.healthCheck.interval}s` : ''} ${r.typical}s`;
    }
  }
  total = add(total, boot);
  if (bootDetail) parts.push(bootDetail);
  // Behind a target group: healthy after healthy_threshold passing checks, one per interval.
  for (const lb of service.load_balancer ?? []) {
    const tgName = /aws_lb_target_group\.([a-z0-9_]+)/.exec(lb.target_group_arn)?.[1];
    const tg = config.stack.resource.aws_lb_target_group[tgName!];
    const interval = config.number(tg.health_check?.interval ?? 30);
    const threshold = config.number(tg.health_check?.healthy_threshold ?? 5);
    const r = { best: (threshold - 1) * interval, typical: interval / 2 + (threshold - 1) * interval, worst: threshold * interval };
    total = add(total, r);
    parts.push(`ALB ${threshold}×${interval}s checks ${r.typical}s`);
  }
  return { range: total, detail: parts.join(' + ') };
}

/** Duration of an ECS service's create or rolling update, until wait_for_steady_state returns. */
function serviceDuration(config: Config, service: Json, mode: 'create' | 'update'): { range: Range; detail: string } {
  const desired = config.number(service.desired_count ?? 0);
  const poll = service.wait_for_steady_state === true ? range(D.ecs.steady_state_poll) : flat(0);
  const base = range(D.resources.default);
  if (desired === 0) return { range: add(base, poll), detail: 'no tasks (desired_count 0)' };
  const task = newTask(config, service, mode);
  if (service.wait_for_steady_state !== true) return { range: base, detail: 'wait_for_steady_state off: returns at once' };
  if (mode === 'create') return { range: add(base, task.range, poll), detail: `${task.detail} + steady-state poll` };
  // Rolling update: drain (deregistration delay) and stop the old task; before or after the new one by the percents.
  let drain: Range = flat(0);
  for (const lb of service.load_balancer ?? []) {
    const tgName = /aws_lb_target_group\.([a-z0-9_]+)/.exec(lb.target_group_arn)?.[1];
    const delay = config.number(config.stack.resource.aws_lb_target_group[tgName!].deregistration_delay ?? 300);
    drain = flat(Math.max(drain.typical, delay));
  }
  const stop = range(D.ecs.task_stop);
  const min = config.number(service.deployment_minimum_healthy_percent ?? 100);
  const order = min >= 100 ? 'new task first' : 'old task stopped first';
  return {
    range: add(base, task.range, drain, stop, poll),
    detail: `${order}: ${task.detail}${drain.typical ? ` + drain ${drain.typical}s` : ''} + stop old ${stop.typical}s + steady-state poll`,
  };
}

function nodeDuration(config: Config, block: Block, mode: 'create' | 'update'): { range: Range; detail: string } {
  if (block.type === 'aws_ecs_service') return serviceDuration(config, block.body, mode);
  const known = (D.resources as Record<string, { best: number; typical: number; worst: number; basis: string }>)[block.type];
  const r = range(known ?? D.resources.default);
  return { range: r, detail: known ? `durations.json ${block.type} (${known.basis})` : '' };
}

function graph(config: Config, list: Block[], mode: 'create' | 'update'): Map<string, Node> {
  const addresses = new Set(list.map((b) => b.address));
  const nodes = new Map<string, Node>();
  const services = new Map(list.filter((b) => b.type === 'aws_ecs_service').map((b) => [b.body.name, b.address]));
  for (const block of list) {
    const deps = references(config, bodyText(block.body), addresses);
    for (const d of block.body.depends_on ?? []) if (addresses.has(d)) deps.add(d);
    if (block.type === 'aws_ecs_service' && mode === 'create') {
      for (const name of initContainers(taskContainers(config, block.body))) {
        const awaited = services.get(AWAIT.exec(name)?.[1]);
        if (awaited) deps.add(awaited);
      }
    }
    deps.delete(block.address);
    const { range: duration, detail } = nodeDuration(config, block, mode);
    nodes.set(block.address, { address: block.address, deps: [...deps].sort(), duration, detail });
  }
  return nodes;
}

/** Longest path through the graph for one case: its length and the chain of steps. */
export function criticalPath(nodes: Map<string, Node>, which: Case): { total: number; path: PathStep[] } {
  const finish = new Map<string, number>();
  const via = new Map<string, string | undefined>();
  const visiting = new Set<string>();
  const visit = (address: string): number => {
    const done = finish.get(address);
    if (done !== undefined) return done;
    if (visiting.has(address)) throw new Error(`dependency cycle at ${address}`);
    visiting.add(address);
    const node = nodes.get(address)!;
    let start = 0;
    let from: string | undefined;
    for (const d of node.deps) {
      if (!nodes.has(d)) continue;
      const f = visit(d);
      if (f > start || (f === start && from === undefined)) {
        start = f;
        from = d;
      }
    }
    visiting.delete(address);
    finish.set(address, start + node.duration[which]);
    via.set(address, from);
    return start + node.duration[which];
  };
  let end: string | undefined;
  let total = 0;
  for (const address of [...nodes.keys()].sort()) {
    const f = visit(address);
    if (f > total) {
      total = f;
      end = address;
    }
  }
  const path: PathStep[] = [];
  for (let a = end; a !== undefined; a = via.get(a)) {
    const node = nodes.get(a)!;
    path.unshift({ address: a, seconds: node.duration[which], detail: node.detail });
  }
  return { total, path };
}

function scenario(name: string, nodes: Map<string, Node>): Scenario {
  const totals = Object.fromEntries(CASES.map((c) => [c, criticalPath(nodes, c).total])) as Range;
  const path = criticalPath(nodes, 'typical').path.filter((s) => s.seconds > 0);
  const worst = criticalPath(nodes, 'worst').path.filter((s) => s.seconds > 0);
  const same = worst.map((s) => s.address).join() === path.map((s) => s.address).join();
  return { name, totals, path, ...(same ? {} : { worstPath: worst }), resources: nodes.size };
}

/** What a change of `changed` variables touches: resources reading them (replaced if task definitions) and, in turn, resources referring to a replaced one. */
function updateSet(config: Config, list: Block[], changed: string[]): Block[] {
  const addresses = new Set(list.map((b) => b.address));
  const touched = new Set<string>();
  const replaced = new Set<string>();
  for (const b of list) {
    const vars = variablesRead(config, bodyText(b.body));
    if (changed.some((v) => vars.has(v))) {
      touched.add(b.address);
      if (b.type === 'aws_ecs_task_definition') replaced.add(b.address); // every argument forces a new revision
    }
  }
  let grew = true;
  while (grew) {
    grew = false;
    for (const b of list) {
      if (touched.has(b.address)) continue;
      const refs = references(config, bodyText(b.body), addresses);
      if ([...refs].some((r) => replaced.has(r))) {
        touched.add(b.address);
        grew = true;
      }
    }
  }
  return list.filter((b) => touched.has(b.address));
}

export function computeDeployTime(config: Config, changed: string[] = ['image_tag']): DeployTimeResult {
  const list = blocks(config);
  const notes: string[] = [];
  if (!config.nonEmpty('route53_zone_id') && !config.nonEmpty('certificate_arn')) {
    notes.push('route53_zone_id is empty: the first apply waits at the certificate validation until you publish the DNS records; the figures assume they are published when ACM asks (as the Route 53 path does).');
  }
  notes.push('Terraform runs at most 10 operations at once (-parallelism); the model assumes no queueing. Plan/refresh time before the apply is not included.');
  const first = scenario('first apply', graph(config, list, 'create'));
  const update = updateSet(config, list, changed);
  const imageUpdate = scenario(`routine update (${changed.join(', ')})`, graph(config, update, 'update'));
  return { line: config.line, firstApply: first, imageUpdate, notes };
}
