// A generated, realistic large catalog for the overview's browser test and the render bench:
// Backstage catalog-info.yaml files (one per system, as one repository per system writes them)
// with teams, domains, systems of very different sizes, services that provide and consume APIs
// across systems and domains, their databases, caches and queues, and a few entities that belong
// to no system. Deterministic (a seeded generator): the same size gives the same catalog.
import { Catalog } from '../../src/core/catalog/catalog';
import type { NodeStatus } from '../../src/core/graph/graphModel';

export interface LargeCatalog {
  catalog: Catalog;
  /** Problems of some entities, as the server's node status would charge them. */
  status: Map<string, NodeStatus>;
  entities: number;
  systems: string[];
  domains: string[];
  /** Entities per system ref. */
  systemSizes: Map<string, number>;
  files: number;
  /** Time spent building the catalog from the files (each file parsed, then the graph assembled), ms. */
  indexMs: number;
}

/** mulberry32: small, fast, seeded. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['orders', 'payments', 'catalog', 'search', 'checkout', 'identity', 'shipping', 'pricing', 'inventory', 'billing', 'ledger', 'reviews', 'media', 'notifications', 'loyalty', 'fraud', 'analytics', 'returns', 'warehouse', 'partners', 'ads', 'recommendations', 'support', 'accounts'];
const DOMAIN_WORDS = ['commerce', 'fulfilment', 'customer', 'finance', 'platform', 'marketing', 'data', 'operations', 'risk', 'content', 'growth', 'logistics'];

interface Member {
  name: string;
  kind: 'Component' | 'Resource' | 'API';
  type: string;
  system?: string;
  dependsOn: string[];
  providesApis: string[];
  consumesApis: string[];
}

function yamlList(key: string, items: string[]): string {
  return items.length ? `  ${key}:\n${items.map((item) => `    - ${item}`).join('\n')}\n` : '';
}

function descriptor(m: Member, owner: string): string {
  let spec = `  type: ${m.type}\n  owner: group:${owner}\n`;
  if (m.kind === 'Component' || m.kind === 'API') spec += '  lifecycle: production\n';
  if (m.kind === 'API') spec += `  definition: "openapi: 3.0.0"\n`;
  if (m.system) spec += `  system: ${m.system}\n`;
  spec += yamlList('dependsOn', m.dependsOn) + yamlList('providesApis', m.providesApis) + yamlList('consumesApis', m.consumesApis);
  return `apiVersion: backstage.io/v1alpha1\nkind: ${m.kind}\nmetadata:\n  name: ${m.name}\nspec:\n${spec}`;
}

/**
 * `total` entities in all: ~1 system per 42 entities, ~√systems domains, a team per two systems,
 * 3% of entities in no system, system sizes skewed (a few large systems, many small ones).
 */
export function generateLargeCatalog(total: number, seed = 7): LargeCatalog {
  const rand = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
  const systemCount = Math.max(3, Math.round(total / 42));
  const domainCount = Math.max(2, Math.round(Math.sqrt(systemCount)));
  const teamCount = Math.max(2, Math.round(systemCount / 2));
  const noSystem = Math.round(total * 0.03);
  const memberTotal = total - domainCount - teamCount - systemCount - noSystem;

  const domains = Array.from({ length: domainCount }, (_, i) => `${DOMAIN_WORDS[i % DOMAIN_WORDS.length]}${i >= DOMAIN_WORDS.length ? `-${Math.floor(i / DOMAIN_WORDS.length) + 1}` : ''}`);
  const teams = Array.from({ length: teamCount }, (_, i) => `team-${i + 1}`);
  const systems = Array.from({ length: systemCount }, (_, i) => `${WORDS[i % WORDS.length]}${i >= WORDS.length ? `-${Math.floor(i / WORDS.length) + 1}` : ''}`);
  // Skewed sizes: weight 1/(rank+3)^0.9, shuffled over the systems; at least 4 entities each.
  const weights = systems.map((_, i) => 1 / Math.pow(i + 3, 0.9));
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const sizes = weights.map((w) => Math.max(4, Math.floor((w / weightSum) * memberTotal)));
  let left = memberTotal - sizes.reduce((a, b) => a + b, 0);
  for (let i = 0; left !== 0; i = (i + 1) % sizes.length) {
    if (left > 0) { sizes[i]++; left--; } else if (sizes[i] > 4) { sizes[i]--; left++; }
  }
  for (let i = sizes.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [sizes[i], sizes[j]] = [sizes[j], sizes[i]];
  }
  // One system in twenty names no domain: the overview keeps those apart, not dropped.
  const domainOf = systems.map((_, i) => (i % 20 === 19 ? undefined : domains[i % domainCount]));
  const ownerOf = systems.map((_, i) => teams[i % teamCount]);

  const members: Member[][] = systems.map(() => []);
  const apisOf: string[][] = systems.map(() => []);
  for (let s = 0; s < systemCount; s++) {
    const size = sizes[s];
    const apis = Math.max(1, Math.round(size * 0.22));
    const resources = Math.max(1, Math.round(size * 0.3));
    const components = size - apis - resources;
    const sys = systems[s];
    const list = members[s];
    for (let i = 0; i < components; i++) list.push({ name: `${sys}-svc-${i + 1}`, kind: 'Component', type: i % 9 === 8 ? 'website' : 'service', system: sys, dependsOn: [], providesApis: [], consumesApis: [] });
    for (let i = 0; i < resources; i++) {
      const type = pick(['database', 'database', 'redis', 'queue', 's3-bucket']);
      list.push({ name: `${sys}-${type === 'database' ? 'db' : type === 'redis' ? 'cache' : type === 'queue' ? 'queue' : 'bucket'}-${i + 1}`, kind: 'Resource', type, system: sys, dependsOn: [], providesApis: [], consumesApis: [] });
    }
    for (let i = 0; i < apis; i++) {
      const name = `${sys}-api-${i + 1}`;
      apisOf[s].push(name);
      list.push({ name, kind: 'API', type: pick(['openapi', 'openapi', 'grpc', 'asyncapi']), system: sys, dependsOn: [], providesApis: [], consumesApis: [] });
    }
  }
  // Relations: each API provided by a service of its system; each service uses one or two of its
  // system's stores, sometimes another of its services, and consumes APIs — mostly its own
  // system's, some of its domain's, a few of the shared platform systems', rarely any system's.
  const systemsByDomain = new Map<string | undefined, number[]>();
  domainOf.forEach((d, s) => (systemsByDomain.get(d) ?? systemsByDomain.set(d, []).get(d)!).push(s));
  const platform = systemsByDomain.get(domains[Math.min(4, domainCount - 1)])!.slice(0, 3);
  for (let s = 0; s < systemCount; s++) {
    const services = members[s].filter((m) => m.kind === 'Component');
    const stores = members[s].filter((m) => m.kind === 'Resource');
    apisOf[s].forEach((api, i) => services[i % services.length]?.providesApis.push(`api:${api}`));
    for (const svc of services) {
      const store = pick(stores);
      svc.dependsOn.push(`resource:${store.name}`);
      if (rand() < 0.4) {
        const other = pick(stores);
        if (other !== store) svc.dependsOn.push(`resource:${other.name}`);
      }
      if (services.length > 1 && rand() < 0.3) {
        const peer = pick(services);
        if (peer !== svc) svc.dependsOn.push(`component:${peer.name}`);
      }
      const consumed = new Set<string>();
      const calls = 1 + Math.floor(rand() * 3);
      for (let c = 0; c < calls; c++) {
        const r = rand();
        const target = r < 0.62 ? s : r < 0.9 ? pick(systemsByDomain.get(domainOf[s])!) : r < 0.985 ? pick(platform) : Math.floor(rand() * systemCount);
        const api = pick(apisOf[target]);
        if (!svc.providesApis.includes(`api:${api}`)) consumed.add(`api:${api}`);
      }
      svc.consumesApis.push(...[...consumed].sort());
    }
  }
  const loose: Member[] = [];
  for (let i = 0; i < noSystem; i++) {
    const component = i % 3 !== 2;
    const target = Math.floor(rand() * systemCount);
    loose.push(
      component
        ? { name: `tool-${i + 1}`, kind: 'Component', type: 'tool', dependsOn: [], providesApis: [], consumesApis: [`api:${pick(apisOf[target])}`] }
        : { name: `legacy-store-${i + 1}`, kind: 'Resource', type: 'database', dependsOn: [], providesApis: [], consumesApis: [] },
    );
  }

  const catalog = new Catalog();
  let files = 0;
  let indexMs = 0;
  const index = (file: string, text: string) => {
    const started = performance.now();
    catalog.updateFile(file, text);
    indexMs += performance.now() - started;
  };
  const org = [
    ...domains.map((d, i) => `apiVersion: backstage.io/v1alpha1\nkind: Domain\nmetadata:\n  name: ${d}\n  title: ${d[0].toUpperCase()}${d.slice(1)}\nspec:\n  owner: group:${teams[i % teamCount]}\n`),
    ...teams.map((t) => `apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: ${t}\nspec:\n  type: team\n  children: []\n`),
  ];
  index('/catalog/org/catalog-info.yaml', org.join('---\n'));
  files++;
  const status = new Map<string, NodeStatus>();
  const systemSizes = new Map<string, number>();
  for (let s = 0; s < systemCount; s++) {
    const sys = systems[s];
    const title = sys.split('-').map((w) => (/^\d+$/.test(w) ? w : w[0].toUpperCase() + w.slice(1))).join(' ');
    const docs = [`apiVersion: backstage.io/v1alpha1\nkind: System\nmetadata:\n  name: ${sys}\n  title: ${title}\nspec:\n  owner: group:${ownerOf[s]}\n${domainOf[s] ? `  domain: ${domainOf[s]}\n` : ''}`];
    for (const m of members[s]) docs.push(descriptor(m, ownerOf[s]));
    index(`/catalog/systems/${sys}/catalog-info.yaml`, docs.join('---\n'));
    files++;
    systemSizes.set(`system:${sys}`, members[s].length);
  }
  index('/catalog/misc/catalog-info.yaml', loose.map((m) => descriptor(m, teams[0])).join('---\n'));
  files++;
  // Problems on one entity in sixteen (resources and services, as cache configs would charge them).
  const rules = ['CW001', 'CW003', 'CW004', 'CW006', 'CW007', 'CW008', 'CW012'];
  let counter = 0;
  for (const list of [...members, loose]) {
    for (const m of list) {
      if (m.kind === 'API' || counter++ % 16 !== 5) continue;
      const errors = Math.floor(rand() * 3);
      const warnings = errors === 0 ? 1 + Math.floor(rand() * 3) : Math.floor(rand() * 3);
      const ruleSet = new Set<string>();
      for (let r = 0; r < errors + warnings; r++) ruleSet.add(pick(rules));
      status.set(`${m.kind.toLowerCase()}:${m.name}`, { errors, warnings, rules: [...ruleSet].sort() });
    }
  }
  // The catalog assembles its graph on first use: part of building the model.
  const started = performance.now();
  const entityCount = catalog.entities.size;
  indexMs += performance.now() - started;
  return { catalog, status, entities: entityCount, systems: systems.map((s) => `system:${s}`), domains: domains.map((d) => `domain:${d}`), systemSizes, files, indexMs };
}
