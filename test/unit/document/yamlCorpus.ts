// A deterministic generator of YAML and JSON texts in the styles config files use (plus the odd
// corner), and mutations of them, for the differential and fuzz tests.

/** mulberry32: small, fast, seeded. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PLAIN_SCALARS = [
  'redis', 'cache-main', '5m', '10%', '1h30m', 'never', 'allkeys-lru', 'catalog-db', 'http://x.test/a?b=c', '12:30', 'a b c',
  'v1.2', '-1', '+7', '0', '-0', '007', '1.5', '.5', '1.', '1e3', '-2.5E-3', '0x1F', '0o17', '0b101', '1_000', '.inf', '-.Inf',
  '+.INF', '.nan', '.NaN', 'NaN', 'inf', '~', 'null', 'Null', 'NULL', 'nULL', 'true', 'True', 'TRUE', 'tRUE', 'false', 'FALSE',
  'yes', 'no', 'on', 'off', 'y', 'a#b', 'x:y', 'say "hi"', "it's", 'tenant, locale', 'b[1]', '{x}y', '---x', '-x', 'é ünï 日本',
  '12345678901234567890', '3.14159265358979323846', 'foo  bar',
];
const QUOTED_SCALARS = [
  '"plain"', '""', "''", '"with \\"escapes\\" \\\\ \\n \\t \\u00e9 \\x41 \\/"', "'it''s'", '"a: b"', "'# not a comment'", '"1"',
  '"true"', '"null"', '"\\U0001F600"', '"tab\there"', '"\\0\\a\\b\\e\\f\\r\\v\\N\\_\\L\\P\\ "',
];
// Invalid on purpose (rarely picked): the fast path must decline these, the reference parser reports them.
const INVALID_SCALARS = ['"bad \\q escape"', "'unclosed", '"\\xZZ"', '|', '!!str x', '@at', '`tick`', '%p', '? q'];
const KEYS = [
  'name', 'backend', 'ttl', 'value', 'jitter', 'kind', 'apiVersion', 'spec', 'caches', 'metadata', 'a b', 'x/y', 'm~n', '1', '0x10',
  'true', 'null', '"quoted key"', "'single'", '"a/b"', '"1"', 'k-1', 'k.2', '_u', 'ключ',
];

export class YamlGenerator {
  private anchors: string[] = [];
  private anchorCount = 0;
  constructor(private readonly random: () => number, private readonly crlf = false) {}

  private pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.random() * list.length)];
  }
  private chance(p: number): boolean {
    return this.random() < p;
  }

  scalar(): string {
    if (this.anchors.length && this.chance(0.05)) return '*' + this.pick(this.anchors);
    if (this.chance(0.01)) return this.pick(INVALID_SCALARS);
    return this.chance(0.75) ? this.pick(PLAIN_SCALARS) : this.pick(QUOTED_SCALARS);
  }

  private comment(): string {
    return this.chance(0.15) ? ' # ' + this.pick(['note', 'ttl: 5m', '#', 'x: [1']) : '';
  }

  private fillerLines(indent: number): string {
    let out = '';
    if (this.chance(0.08)) out += '\n';
    if (this.chance(0.1)) out += ' '.repeat(this.chance(0.7) ? indent : Math.floor(this.random() * 6)) + '# comment line\n';
    return out;
  }

  private newAnchor(): string {
    const name = 'a' + this.anchorCount++;
    return name;
  }

  flow(depth: number, indent: number): string {
    const multiLine = this.chance(0.3);
    const sep = (): string => (multiLine ? '\n' + ' '.repeat(indent + 2 + Math.floor(this.random() * 3)) : this.pick([' ', '', '  ']));
    const count = Math.floor(this.random() * 4);
    const items: string[] = [];
    const isMap = this.chance(0.5);
    const used = new Set<string>();
    for (let i = 0; i < count; i++) {
      let item = depth < 3 && this.chance(0.25) ? this.flow(depth + 1, indent + 2) : this.scalar();
      if (item.startsWith('"') || item.startsWith("'")) item = this.chance(0.8) ? item : item;
      if (isMap) {
        let key = this.pick(KEYS);
        if (used.has(key) && this.chance(0.9)) continue;
        used.add(key);
        if (key.startsWith('"') && this.chance(0.5)) key += ':';
        else key += ': ';
        item = key + item;
      }
      items.push(item);
    }
    const [open, close] = isMap ? ['{', '}'] : ['[', ']'];
    return open + sep() + items.join(',' + sep()) + sep() + close;
  }

  /** A block mapping at `indent`; every line ends with a newline. */
  blockMap(depth: number, indent: number, leadingFiller = true): string {
    const count = 1 + Math.floor(this.random() * (depth > 3 ? 2 : 5));
    const used = new Set<string>();
    let out = '';
    for (let i = 0; i < count; i++) {
      let key = this.pick(KEYS);
      if (used.has(key) && this.chance(0.95)) key = 'k' + i + '_' + depth;
      used.add(key);
      if (i > 0 || leadingFiller) out += this.fillerLines(indent);
      out += ' '.repeat(indent) + key + this.pick([':', ':', ':', ' :']) + this.blockValue(depth, indent, true);
    }
    return out;
  }

  blockSeq(depth: number, indent: number, leadingFiller = true): string {
    const count = 1 + Math.floor(this.random() * (depth > 3 ? 2 : 4));
    let out = '';
    for (let i = 0; i < count; i++) {
      if (i > 0 || leadingFiller) out += this.fillerLines(indent);
      const roll = this.random();
      if (depth < 5 && roll < 0.3) {
        // compact mapping: `- key: value` with the rest at indent + 2
        const map = this.blockMap(depth + 1, indent + 2, false);
        out += ' '.repeat(indent) + '- ' + map.slice(indent + 2);
      } else if (depth < 5 && roll < 0.35) {
        const seq = this.blockSeq(depth + 1, indent + 2, false);
        out += ' '.repeat(indent) + '- ' + seq.slice(indent + 2);
      } else {
        out += ' '.repeat(indent) + '-' + this.blockValue(depth, indent, false);
      }
    }
    return out;
  }

  /** What follows `key:` or `-` (including the line break). */
  private blockValue(depth: number, indent: number, inMap: boolean): string {
    const roll = this.random();
    const step = this.pick([2, 2, 4, 1]);
    if (depth < 6 && roll < 0.22) {
      const anchor = this.chance(0.1) ? ' &' + this.newAnchor() : '';
      const body = this.blockMap(depth + 1, indent + step);
      if (anchor) this.anchors.push(anchor.slice(2));
      return anchor + this.comment() + '\n' + body;
    }
    if (depth < 6 && roll < 0.36) {
      const sameIndent = inMap && this.chance(0.4);
      return this.comment() + '\n' + this.blockSeq(depth + 1, sameIndent ? indent : indent + step);
    }
    if (roll < 0.45) return ' ' + this.flow(depth, indent) + this.comment() + '\n';
    if (roll < 0.5) return this.pick(['', ' ', '  ']) + '\n';
    const anchor = this.chance(0.06) ? '&' + this.newAnchor() + ' ' : '';
    const value = ' ' + anchor + this.scalar() + this.pick(['', '', ' ', '   ']) + this.comment() + '\n';
    if (anchor) this.anchors.push(anchor.slice(1, -1));
    return value;
  }

  /** One file: one or more documents, YAML block style or JSON. */
  file(): string {
    this.anchors = [];
    let text: string;
    if (this.chance(0.15)) {
      text = JSON.stringify(jsonValue(this.random, 0), null, this.pick([0, 2, 4, '\t']));
    } else {
      const docs: string[] = [];
      const count = this.chance(0.8) ? 1 : 2 + Math.floor(this.random() * 2);
      for (let d = 0; d < count; d++) {
        this.anchors = [];
        const body = this.chance(0.85) ? this.blockMap(0, 0) : this.chance(0.6) ? this.blockSeq(0, 0) : this.flow(0, 0) + '\n';
        const marker = d > 0 || this.chance(0.2) ? '---' + this.pick(['\n', ' # doc\n']) : '';
        docs.push(marker + body + (this.chance(0.1) ? '...\n' : ''));
      }
      text = (this.chance(0.1) ? '# header\n\n' : '') + docs.join('');
      if (this.chance(0.2)) text = text.replace(/\n$/, '');
    }
    return this.crlf ? text.replace(/\n/g, '\r\n') : text;
  }
}

function jsonValue(random: () => number, depth: number): unknown {
  const roll = random();
  if (depth < 4 && roll < 0.3) {
    const obj: Record<string, unknown> = {};
    const n = Math.floor(random() * 5);
    for (let i = 0; i < n; i++) obj[KEYS[Math.floor(random() * KEYS.length)].replace(/["']/g, '')] = jsonValue(random, depth + 1);
    return obj;
  }
  if (depth < 4 && roll < 0.5) return Array.from({ length: Math.floor(random() * 4) }, () => jsonValue(random, depth + 1));
  if (roll < 0.6) return Math.floor(random() * 1e6) / (random() < 0.5 ? 1 : 100) * (random() < 0.3 ? -1 : 1);
  if (roll < 0.7) return random() < 0.5;
  if (roll < 0.75) return null;
  return PLAIN_SCALARS[Math.floor(random() * PLAIN_SCALARS.length)] + (random() < 0.2 ? '\u00e9\n"\\' : '');
}

const MUTATION_CHARS = [':', '-', ' ', '\n', '#', "'", '"', '[', ']', '{', '}', ',', '&', '*', '\t', '|', '>', '!', '?', '%', '\r', '\0', '~', '@'];

/** A small random edit: insert, delete, duplicate or re-indent. */
export function mutate(text: string, random: () => number): string {
  const at = Math.floor(random() * (text.length + 1));
  const roll = random();
  if (roll < 0.35) return text.slice(0, at) + MUTATION_CHARS[Math.floor(random() * MUTATION_CHARS.length)] + text.slice(at);
  if (roll < 0.6) return text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 3));
  const lines = text.split('\n');
  const line = Math.floor(random() * lines.length);
  if (roll < 0.75) lines.splice(line, 0, lines[line]);
  else if (roll < 0.9) lines[line] = ' '.repeat(Math.floor(random() * 4)) + lines[line].trimStart();
  else lines.splice(line, 1);
  return lines.join('\n');
}
