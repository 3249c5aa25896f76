// Discovery and checking of the configs teams already run, on a repository laid out like a real
// one: 5,000 files, of which 300 are configs an adapter reads (Spring application.yml/.properties,
// compose files, Kubernetes manifests, Bitnami Helm values with helmfiles, redis.conf, nginx,
// CloudFormation, Terraform) and the rest are what sits around them (Java sources and tests,
// READMEs, CI workflows, package manifests, other YAML). A quarter of the Kubernetes manifests,
// compose files and CloudFormation templates sit where no path rule names them
// (`platform/…/statefulset.yaml`, `…/stack.yml`, `…/elasticache.yaml`): they are found by content. Measured: `cache-warden check` on the
// whole repository (fresh process; target ≤ 2 s) and the language server's start-up scan to
// `cacheWarden/ready` (target ≤ 1 s). Reference in the same run: the `yaml` package parsing just
// the YAML configs in a fresh process (what a checker that already knew the files would pay to parse).
// Run: `npm run bench -- formats`.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadNote, ms, ratio, summarize, table, type Benchmark } from './harness';
import { startOnce } from './startup.bench';

const RUNS = 5;
const TOTAL_FILES = 5000;

/** What each format contributes to the 300 configs (count per format). */
const MIX = { springYaml: 40, springProperties: 20, compose: 40, kubernetes: 40, helmValues: 40, redisConf: 40, nginx: 40, cloudFormation: 20, terraform: 20 } as const;

function springYaml(i: number): string {
  const ttl = i % 3 === 0 ? '' : `      time-to-live: ${5 + (i % 20)}m\n`;
  return `spring:\n  application:\n    name: svc-${i}\n  cache:\n    type: redis\n    cache-names: items-${i},lists-${i}\n    redis:\n${ttl}      key-prefix: "svc${i}:"\n  data:\n    redis:\n      host: redis-${i % 40}\n      timeout: 500ms\n  datasource:\n    url: jdbc:postgresql://db-${i % 30}:5432/app\nserver:\n  port: 8080\nmanagement:\n  endpoints:\n    web:\n      exposure:\n        include: health,info\n`;
}

function springProperties(i: number): string {
  return `spring.application.name=props-${i}\nspring.cache.type=caffeine\nspring.cache.cache-names=local-${i}\nspring.cache.caffeine.spec=${i % 2 ? 'maximumSize=5000,' : ''}expireAfterWrite=10m\nserver.port=8080\nlogging.level.root=INFO\n`;
}

function compose(i: number): string {
  const policy = i % 4 === 0 ? 'volatile-lru' : 'allkeys-lru';
  return `services:\n  app:\n    image: registry.local/svc-${i}:1.${i}\n    environment:\n      SPRING_DATA_REDIS_HOST: redis-${i}\n    depends_on: [redis-${i}]\n  redis-${i}:\n    image: redis:7.2\n    command: ["redis-server", "--maxmemory", "${256 + i}mb", "--maxmemory-policy", "${policy}"]\n    mem_limit: 1g\n  db:\n    image: postgres:16\n`;
}

function kubernetes(i: number): string {
  return `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: redis-${i}\n  namespace: team-${i % 12}\nspec:\n  serviceName: redis-${i}\n  selector:\n    matchLabels: { app: redis-${i} }\n  template:\n    metadata:\n      labels: { app: redis-${i} }\n    spec:\n      containers:\n        - name: redis\n          image: redis:7.2\n          args: ["--maxmemory", "1gb", "--maxmemory-policy", "${i % 5 === 0 ? 'noeviction' : 'allkeys-lfu'}"]\n          resources:\n            limits:\n              memory: 2Gi\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: redis-${i}\n  namespace: team-${i % 12}\nspec:\n  selector: { app: redis-${i} }\n  ports: [{ port: 6379 }]\n`;
}

function helmValues(i: number): string {
  return `architecture: standalone\nauth:\n  enabled: true\nmaster:\n  configuration: |-\n    maxmemory ${1 + (i % 4)}gb\n    maxmemory-policy ${i % 6 === 0 ? 'volatile-lru' : 'allkeys-lru'}\n  resources:\n    limits:\n      memory: 8Gi\n`;
}

function redisConf(i: number): string {
  return `# redis for shard ${i}\nbind 0.0.0.0\nport 6379\nmaxmemory ${512 + i}mb\n${i % 7 === 0 ? '' : 'maxmemory-policy allkeys-lru\n'}save ""\nappendonly no\n`;
}

function nginx(i: number): string {
  return `events {}\nhttp {\n  proxy_cache_path /var/cache/nginx keys_zone=zone${i}:10m max_size=1g;\n  server {\n    listen 80;\n    location / {\n      proxy_pass http://svc-${i}:8080;\n      proxy_cache zone${i};\n${i % 3 ? '      proxy_cache_lock on;\n' : ''}      proxy_cache_valid 200 1m;\n    }\n  }\n}\n`;
}

function cloudFormation(i: number): string {
  return `AWSTemplateFormatVersion: "2010-09-09"\nDescription: cache ${i}\nResources:\n  Params:\n    Type: AWS::ElastiCache::ParameterGroup\n    Properties:\n      CacheParameterGroupFamily: redis7\n      Description: params\n      Properties:\n        maxmemory-policy: ${i % 2 ? 'allkeys-lru' : 'volatile-lru'}\n  Cache:\n    Type: AWS::ElastiCache::ReplicationGroup\n    Properties:\n      ReplicationGroupId: cache-${i}\n      ReplicationGroupDescription: cache\n      Engine: redis\n      CacheNodeType: cache.m6g.large\n      CacheParameterGroupName: !Ref Params\n`;
}

function terraform(i: number): string {
  return `resource "aws_elasticache_parameter_group" "p${i}" {\n  name   = "p${i}"\n  family = "redis7"\n  parameter {\n    name  = "maxmemory-policy"\n    value = "${i % 2 ? 'allkeys-lfu' : 'volatile-ttl'}"\n  }\n}\n\nresource "aws_elasticache_replication_group" "r${i}" {\n  replication_group_id = "tf-cache-${i}"\n  description          = "cache"\n  node_type            = "cache.r6g.large"\n  parameter_group_name = aws_elasticache_parameter_group.p${i}.name\n}\n`;
}

function javaSource(i: number): string {
  return `package com.example.svc${i % 150};\n\nimport org.springframework.cache.annotation.Cacheable;\n\npublic class Component${i} {\n  @Cacheable("items")\n  public String item(String id) {\n    return id + ${i};\n  }\n}\n`;
}

/** Every fourth compose file, manifest and template is where only its content says what it is. */
function byContent(i: number): boolean {
  return i % 4 === 3;
}

/** How many configs are found by content alone. */
export const BY_CONTENT = [MIX.compose, MIX.kubernetes, MIX.cloudFormation].reduce((sum, n) => sum + Array.from({ length: n }, (_, i) => i).filter(byContent).length, 0);

/** Writes the repository; returns how many configs of each kind it holds. */
export function writeFormatsRepository(root: string): { configs: number; files: number } {
  let files = 0;
  const write = (rel: string, text: string) => {
    const abs = path.join(root, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, text);
    files++;
  };
  for (let i = 0; i < MIX.springYaml; i++) write(`services/svc-${i}/src/main/resources/application.yml`, springYaml(i));
  for (let i = 0; i < MIX.springProperties; i++) write(`services/props-${i}/src/main/resources/application.properties`, springProperties(i));
  for (let i = 0; i < MIX.compose; i++) write(byContent(i) ? `services/svc-${i}/stack.yml` : `services/svc-${i}/docker-compose.yml`, compose(i));
  for (let i = 0; i < MIX.kubernetes; i++) write(byContent(i) ? `platform/team-${i % 12}/redis-${i}/statefulset.yaml` : `deploy/k8s/redis-${i}/statefulset.yaml`, kubernetes(i));
  for (let i = 0; i < MIX.helmValues; i++) write(`deploy/helm/cache-${i}/values.yaml`, helmValues(i));
  for (let i = 0; i < MIX.redisConf; i++) write(`infra/redis/shard-${i}/redis.conf`, redisConf(i));
  for (let i = 0; i < MIX.nginx; i++) write(`gateways/gw-${i}/nginx.conf`, nginx(i));
  for (let i = 0; i < MIX.cloudFormation; i++) write(byContent(i) ? `infra/aws/cache-${i}/elasticache.yaml` : `infra/cloudformation/cache-${i}.template.yaml`, cloudFormation(i));
  for (let i = 0; i < MIX.terraform; i++) write(`infra/terraform/cache-${i}/main.tf`, terraform(i));
  const configs = files;
  // helmfiles naming the releases (not configs themselves).
  for (let g = 0; g < 4; g++) write(`deploy/helm/helmfile-${g}.yaml`, `releases:\n${Array.from({ length: 10 }, (_, k) => `  - name: cache-${g * 10 + k}\n    chart: bitnami/redis\n    values: [cache-${g * 10 + k}/values.yaml]\n`).join('')}`);
  // What surrounds the configs in a real repository.
  let n = 0;
  while (files < TOTAL_FILES) {
    const svc = n % 150;
    const kind = n % 10;
    if (kind < 5) write(`services/svc-${svc}/src/main/java/com/example/svc${svc}/Component${n}.java`, javaSource(n));
    else if (kind < 7) write(`services/svc-${svc}/src/test/java/com/example/svc${svc}/Component${n}Test.java`, javaSource(n));
    else if (kind === 7) write(`services/svc-${svc}/config/logging-${n}.yaml`, `level: info\nappenders:\n  - console\n  - file: /var/log/svc-${svc}.log\n`);
    else if (kind === 8) write(`docs/notes/note-${n}.md`, `# Note ${n}\n\nNothing about caches here.\n`);
    else write(`.github/workflows/ci-${n}.yml`, `name: ci ${n}\non: [push]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./gradlew test\n`);
    n++;
  }
  return { configs, files };
}

function timeProcess(args: string[], cwd: string): { ms: number; status: number | null; stdout: string } {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { ms: performance.now() - started, status: result.status, stdout: result.stdout };
}

export const formatsBenchmark: Benchmark = {
  id: 'formats',
  async run(context) {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-bench-formats-'));
    const repo = path.join(base, 'repo');
    const cli = path.join(context.root, 'dist', 'cli.js');
    const load = loadNote();
    try {
      const written = writeFormatsRepository(repo);
      fs.mkdirSync(path.join(repo, '.git'));
      const parseScript = path.join(base, 'parse-only.js');
      fs.writeFileSync(parseScript, [
        `const { parseAllDocuments } = require(${JSON.stringify(require.resolve('yaml'))});`,
        "const fs = require('node:fs'); const path = require('node:path');",
        "const files = [];",
        'const walk = (d) => { for (const e of fs.readdirSync(d, { withFileTypes: true })) { const p = path.join(d, e.name); if (e.isDirectory()) walk(p); else if (/(application\\.yml|docker-compose\\.yml|stack\\.yml|statefulset\\.yaml|values\\.yaml|template\\.yaml|elasticache\\.yaml)$/.test(e.name)) files.push(p); } };',
        `walk(${JSON.stringify(repo)});`,
        'for (const f of files) parseAllDocuments(fs.readFileSync(f, "utf8"));',
      ].join('\n'));
      const check: number[] = [];
      const parseOnly: number[] = [];
      const ready: number[] = [];
      let summary = '';
      let readyStats = '';
      for (let run = 0; run < RUNS + 1; run++) {
        const c = timeProcess([cli, 'check', '.'], repo);
        if (c.status !== 1) throw new Error(`check exited ${c.status}: ${c.stdout.slice(-500)}`);
        const p = timeProcess([parseScript], repo);
        const s = await startOnce(context, repo);
        if (run === 0) continue;
        check.push(c.ms);
        parseOnly.push(p.ms);
        ready.push(s.readyMs);
        summary = c.stdout.trim().split('\n').pop() ?? '';
        readyStats = `${s.stats.files} files in the model, ${s.stats.parses} parses, ${s.urisWithProblems} files with problems, ${s.diagnostics} diagnostics`;
      }
      const c = summarize(check);
      const p = summarize(parseOnly);
      const r = summarize(ready);
      const markdown = [
        `Repository: ${written.files.toLocaleString('en')} files generated by bench/formats.bench.ts, of which ${written.configs} are configs an adapter reads (${Object.entries(MIX).map(([k, v]) => `${v} ${k}`).join(', ')}; ${BY_CONTENT} of the compose files, manifests and templates at paths no rule names, found by content); the rest are Java sources and tests, helmfiles, READMEs, CI workflows and other YAML. Fresh processes, medians of ${RUNS} runs after a warmup.`,
        '',
        table(['measure', 'median ms', 'min ms', 'target', 'verdict'], [
          ['`cache-warden check .` (discovery by path and first bytes, parse, rules, report)', `**${ms(c.median)}**`, ms(c.min), '≤ 2000 ms', c.median <= 2000 ? 'met' : '**not met**'],
          ['language server: spawn → `cacheWarden/ready` (scan, catalog, closed-file diagnostics)', `**${ms(r.median)}**`, ms(r.min), '≤ 1000 ms', r.median <= 1000 ? 'met' : '**not met**'],
          ['reference: `yaml` parseAllDocuments of the YAML configs only (fresh process, files known in advance)', ms(p.median), ms(p.min), '—', `check is ${ratio(c.median, p.median)} of it`],
        ]),
        '',
        `check's summary: \`${summary}\`. Server at ready: ${readyStats}. ${load}`,
      ].join('\n');
      return { id: 'formats', title: 'Real config formats on a 5,000-file repository', markdown };
    } finally {
      fs.rmSync(base, { recursive: true, force: true });
    }
  },
};
