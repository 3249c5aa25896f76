// Every semantic rule, in id order. Adding a rule is one file and one line here.
import type { Rule } from './ruleTypes';
import { ttlRequired } from './ttlRequired';
import { cacheDisabledOnHotPath } from './cacheDisabledOnHotPath';
import { stampedeProtection } from './stampedeProtection';
import { ttlJitter } from './ttlJitter';
import { keyCompleteness } from './keyCompleteness';
import { negativeCaching } from './negativeCaching';
import { evictionPolicy } from './evictionPolicy';
import { memoryLimit } from './memoryLimit';
import { workingSetCapacity } from './workingSetCapacity';
import { warmupBulkhead } from './warmupBulkhead';
import { invalidationFanOut } from './invalidationFanOut';
import { loaderProtection } from './loaderProtection';
import { ownershipDocs } from './ownershipDocs';
import { declaredVsDeployed } from './declaredVsDeployed';

export const RULES: readonly Rule[] = [
  ttlRequired,
  cacheDisabledOnHotPath,
  stampedeProtection,
  ttlJitter,
  keyCompleteness,
  negativeCaching,
  evictionPolicy,
  memoryLimit,
  workingSetCapacity,
  warmupBulkhead,
  invalidationFanOut,
  loaderProtection,
  ownershipDocs,
  declaredVsDeployed,
];

const BY_ID = new Map(RULES.map((rule) => [rule.id, rule]));

export function ruleById(id: string): Rule | undefined {
  return BY_ID.get(id);
}

export function isRuleId(id: string): boolean {
  return BY_ID.has(id);
}
