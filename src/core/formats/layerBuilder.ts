// Builds the synthetic CacheLayer document an adapter hands to the rules: values set by JSON
// pointer, each with where it is written in the real file. A field the real file leaves unset
// (a Redis with no `maxmemory-policy`) is set without a location when the format's default is
// what matters, or left out so the rule reports it missing at the nearest written parent.
import type { DocumentModel, NodeLocation } from '../document/model';
import { segmentsOf } from '../document/model';
import type { Span } from '../types';

type Container = Record<string, unknown> | unknown[];

export class LayerBuilder {
  readonly value: Record<string, unknown>;
  private readonly locations = new Map<string, NodeLocation>();

  constructor(service?: string) {
    this.value = {
      apiVersion: 'cache-warden/v1',
      kind: 'CacheLayer',
      metadata: service ? { service } : {},
      spec: { backends: [], caches: [] },
    };
  }

  /** The next free index under `/spec/backends` or `/spec/caches`. */
  nextIndex(list: 'backends' | 'caches'): number {
    return ((this.value.spec as Record<string, unknown[]>)[list]).length;
  }

  /**
   * Sets `pointer` to `value` (creating the objects on the way; numeric segments index arrays)
   * and records where it is written. `at` is the value's span, or key and value spans.
   */
  set(pointer: string, value: unknown, at?: Span | NodeLocation): this {
    const segments = segmentsOf(pointer);
    let current: Container = this.value;
    for (let i = 0; i < segments.length - 1; i++) {
      const segment = segments[i];
      const nextIsIndex = /^\d+$/.test(segments[i + 1]);
      const holder = current as Record<string, unknown>;
      let next = holder[segment];
      if (next === null || typeof next !== 'object') {
        next = nextIsIndex ? [] : {};
        holder[segment] = next;
      }
      current = next as Container;
    }
    (current as Record<string, unknown>)[segments[segments.length - 1]] = value;
    if (at) this.locate(pointer, at);
    return this;
  }

  /** Records where a pointer (often an object: a cache, a backend) is declared, without a value. */
  locate(pointer: string, at: Span | NodeLocation): this {
    this.locations.set(pointer, 'value' in at ? at : { value: at });
    return this;
  }

  /** True when something was declared under `/spec/backends` or `/spec/caches`. */
  get isEmpty(): boolean {
    return this.nextIndex('backends') === 0 && this.nextIndex('caches') === 0;
  }

  build(index: number, span: Span): DocumentModel {
    return { index, span, value: this.value, locations: new Map(this.locations), syntaxErrors: [] };
  }
}

/** A span's key/value location from two spans (either may be absent for the key). */
export function keyValue(key: Span | undefined, value: Span): NodeLocation {
  return key ? { key, value } : { value };
}
