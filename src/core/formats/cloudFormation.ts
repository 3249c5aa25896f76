// CloudFormation templates (YAML or JSON) that declare ElastiCache: parameter groups, replication
// groups, cache clusters and serverless caches. The model's YAML parse is shared; CloudFormation's
// short-form tags (`!Ref X`, `!GetAtt A.B`, `!Sub …`) parse as plain values with a tag the parser
// does not know, so the tag is read back from the text in front of each value: `!Ref CacheParams`
// is a reference, a plain `CacheParams` a name. What the resources mean is elastiCache.ts's job.
import { pointerOf, type DocumentModel, type NodeLocation } from '../document/model';
import type { AdaptedFile, AdapterInput, FormatAdapter, SettingSite } from './adapter';
import {
  elastiCacheLayers, type ClusterDecl, type ClusterKind, type GroupRef, type ParameterGroupDecl, type Written,
} from './elastiCache';
import { formatSyntax, problemsOnly } from './formatProblems';

const CLUSTER_TYPES: Readonly<Record<string, { kind: ClusterKind; nameKey: string }>> = {
  'AWS::ElastiCache::ReplicationGroup': { kind: 'replication-group', nameKey: 'ReplicationGroupId' },
  'AWS::ElastiCache::CacheCluster': { kind: 'cache-cluster', nameKey: 'ClusterName' },
  'AWS::ElastiCache::ServerlessCache': { kind: 'serverless', nameKey: 'ServerlessCacheName' },
};

/** How the rules' field names read in a template. */
export const CFN_TERMS: Readonly<Record<string, string>> = {
  eviction: 'maxmemory-policy',
  maxMemory: 'maxmemory',
  containerMemoryLimit: 'CacheNodeType memory',
};

export const cloudFormationAdapter: FormatAdapter = {
  id: 'cloudformation',
  title: 'CloudFormation template',
  paths: [
    '*.template.yaml', '*.template.yml', '*.template.json', 'template.yaml', 'template.yml',
    '**/cloudformation/**/*.yaml', '**/cloudformation/**/*.yml', '**/cloudformation/**/*.json',
    '**/cfn/**/*.yaml', '**/cfn/**/*.yml', '**/cfn/**/*.json',
  ],
  sniff: (head) => /AWSTemplateFormatVersion|AWS::ElastiCache::/.test(head),
  yaml: true,
  customYamlTags: true,
  read(input: AdapterInput): AdaptedFile | undefined {
    const doc = input.parsed?.documents[0];
    if (!doc) return undefined;
    const broken = doc.syntaxErrors.find((d) => d.severity === 'error');
    if (broken) {
      return problemsOnly('cloudformation', [formatSyntax(
        `This CloudFormation template does not parse (${broken.message.replace(/\.$/, '')}), so its ElastiCache resources are not checked.`,
        broken.range,
        'docs/formats/elasticache.md',
      )]);
    }
    const template = new Template(input, doc);
    const { groups, clusters } = template.resources();
    if (!groups.length && !clusters.length) return undefined;
    const settings: SettingSite[] = [];
    const json = /^\s*[{[]/.test(input.text);
    const layers = elastiCacheLayers({
      text: input.text,
      lines: input.lines,
      groups,
      clusters,
      words: { groupKey: 'CacheParameterGroupName', nodeTypeKey: 'CacheNodeType', newGroup: 'create an AWS::ElastiCache::ParameterGroup' },
      terms: CFN_TERMS,
      termSeparator: ': ',
      policyText: (written, policy) => {
        const quote = input.text[written.span.start];
        return quote === '"' || quote === "'" ? `${quote}${policy}${quote}` : json ? `"${policy}"` : policy;
      },
      settings,
    });
    return { format: 'cloudformation', layers, diagnostics: [], settings };
  },
};

type Obj = Record<string, unknown>;

function asObject(value: unknown): Obj | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Obj) : undefined;
}

class Template {
  constructor(private readonly input: AdapterInput, private readonly doc: DocumentModel) {}

  resources(): { groups: ParameterGroupDecl[]; clusters: ClusterDecl[] } {
    const resources = asObject(asObject(this.doc.value)?.Resources) ?? {};
    const groups: ParameterGroupDecl[] = [];
    const found: { id: string; type: string; at: string }[] = [];
    for (const [id, resource] of Object.entries(resources)) {
      const type = asObject(resource)?.Type;
      if (typeof type !== 'string') continue;
      const at = pointerOf(['Resources', id]);
      if (type === 'AWS::ElastiCache::ParameterGroup') groups.push(this.group(id, at));
      else if (CLUSTER_TYPES[type]) found.push({ id, type, at });
    }
    const clusters: ClusterDecl[] = [];
    for (const { id, type, at } of found) {
      const props = `${at}/Properties`;
      // A CacheCluster inside a replication group is one of its nodes: the group is the backend.
      if (type === 'AWS::ElastiCache::CacheCluster' && this.value(`${props}/ReplicationGroupId`) !== undefined) continue;
      const { kind, nameKey } = CLUSTER_TYPES[type];
      const name = this.literal(`${props}/${nameKey}`);
      const engine = this.literal(`${props}/Engine`);
      const engineVersion = this.literal(`${props}/EngineVersion`);
      const nodeType = this.literal(`${props}/CacheNodeType`);
      clusters.push({
        kind,
        typeName: type,
        id,
        label: id,
        declared: this.declared(at),
        ...(name ? { name } : {}),
        ...(engine ? { engine } : {}),
        ...(engineVersion ? { engineVersion } : {}),
        ...(nodeType ? { nodeType } : {}),
        group: kind === 'serverless' ? { kind: 'default' } : this.groupRef(`${props}/CacheParameterGroupName`, groups),
      });
    }
    return { groups, clusters };
  }

  private group(id: string, at: string): ParameterGroupDecl {
    const props = `${at}/Properties`;
    const family = this.literal(`${props}/CacheParameterGroupFamily`);
    const policy = this.literal(`${props}/Properties/maxmemory-policy`);
    const reserved = this.literal(`${props}/Properties/reserved-memory-percent`);
    const errorOnFull = this.literal(`${props}/Properties/error_on_memory_exhausted`);
    return {
      id,
      label: id,
      declared: this.declared(at),
      ...(family ? { family } : {}),
      ...(policy ? { policy } : {}),
      ...(reserved ? { reserved } : {}),
      ...(errorOnFull ? { errorOnFull } : {}),
    };
  }

  private groupRef(pointer: string, groups: readonly ParameterGroupDecl[]): GroupRef {
    const location = this.doc.locations.get(pointer);
    const value = this.value(pointer);
    if (!location || value === undefined || value === null) return { kind: 'default' };
    const ref = this.refOf(pointer);
    if (ref) {
      const group = groups.find((g) => g.id === ref.value);
      return group ? { kind: 'group', group, at: ref } : { kind: 'unknown', at: ref };
    }
    const literal = this.literal(pointer);
    if (literal && /^default\./i.test(literal.value)) return { kind: 'default-named', at: literal };
    return { kind: 'unknown', at: literal ?? this.written(location, String(value)) };
  }

  /** `!Ref X` (YAML short form) or `{"Ref": "X"}`: X, where it is written. */
  private refOf(pointer: string): Written | undefined {
    const value = this.value(pointer);
    const location = this.doc.locations.get(pointer);
    if (!location) return undefined;
    if (typeof value === 'string' && this.tagBefore(location.value.start) === '!Ref') return this.written(location, value);
    const object = asObject(value);
    if (object && Object.keys(object).length === 1 && typeof object.Ref === 'string') {
      const inner = this.doc.locations.get(`${pointer}/Ref`);
      return inner ? { value: object.Ref, span: inner.value, ...(location.key ? { key: location.key } : {}) } : undefined;
    }
    return undefined;
  }

  /** A plain string or number, untagged (a `!Sub`, `!If` or `Fn::…` value is not a literal). */
  private literal(pointer: string): Written | undefined {
    const value = this.value(pointer);
    const location = this.doc.locations.get(pointer);
    if (!location || (typeof value !== 'string' && typeof value !== 'number') || this.tagBefore(location.value.start)) return undefined;
    return this.written(location, String(value));
  }

  private written(location: NodeLocation, value: string): Written {
    return { value, span: location.value, ...(location.key ? { key: location.key } : {}) };
  }

  private value(pointer: string): unknown {
    let current: unknown = this.doc.value;
    for (const segment of pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))) {
      const object = asObject(current);
      if (!object || !Object.prototype.hasOwnProperty.call(object, segment)) return undefined;
      current = object[segment];
    }
    return current;
  }

  /** The short-form tag written right before a value on its line (`!Ref`, `!GetAtt`, …). */
  private tagBefore(offset: number): string | undefined {
    const { text, lines } = this.input;
    const lineStart = lines.lineStart(lines.positionAt(offset).line);
    return /(![A-Za-z][\w:]*)\s+$/.exec(text.slice(lineStart, offset))?.[1];
  }

  private declared(pointer: string): { start: number; end: number } {
    const location = this.doc.locations.get(pointer);
    return location?.key ?? location?.value ?? { start: 0, end: 0 };
  }
}
