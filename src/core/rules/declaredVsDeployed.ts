// CW014: what a cache layer file declares about a backend must be what is deployed. The declared
// file is where a team states intent (eviction, memory); the compose file, Helm values or
// redis.conf is what runs. When they disagree, reviews approve one thing and production runs
// another — the outage's `volatile-lru` was never in anyone's design. Reported at both places.
import { formatSize } from './durations';
import { backendsOf, asString } from './cacheLayer';
import { rangeFor } from './ranges';
import type { Finding, Rule, RuleContext } from './ruleTypes';
import type { BackendFact } from './workspaceFacts';

/** Sizes within 1% of each other are the same limit written in other units (2gb vs 2Gi). */
const SIZE_TOLERANCE = 0.01;

export const declaredVsDeployed: Rule = {
  id: 'CW014',
  title: 'Declared and deployed backend differ',
  defaultSeverity: 'warning',
  docsPath: 'docs/rules/CW014.md',
  check(ctx: RuleContext): Finding[] {
    const findings: Finding[] = [];
    const own = ctx.facts.get(ctx.filePath)?.backends ?? [];
    for (const { pointer, name } of backendsOf(ctx.layer)) {
      const fact = own.find((b) => b.name === name);
      if (!fact) continue;
      const pairs = fact.deployed
        ? ctx.facts.declarationsOf(fact).map((declared) => ({ declared, deployed: fact }))
        : ctx.facts.deploymentsOf(fact).map((deployed) => ({ declared: fact, deployed }));
      for (const { declared, deployed } of pairs) {
        const here = fact.deployed ? 'deployed' : 'declared';
        const otherFile = ctx.displayPath(fact.deployed ? declared.file : deployed.file);
        const written = fact.deployed ? undefined : asString((backendsOf(ctx.layer).find((b) => b.name === name)?.backend ?? {}).eviction);
        const declaredEviction = fact.deployed ? declaredWritten(declared) : written;
        // Only a policy the deployment states (or a managed default it implies) is compared: an
        // unwritten one may live in a config file no adapter sees, and Redis's own default is CW007's finding.
        const deployedEviction = deployed.evictionWritten ? deployed.eviction : undefined;
        if (declaredEviction !== undefined && deployedEviction !== undefined && declaredEviction !== deployedEviction) {
          const other = fact.deployed ? declared : deployed;
          findings.push({
            message: `Backend \`${name}\` is declared with eviction ${declaredEviction} but deployed with ${deployed.eviction}${fact.deployed ? ` (declared in ${otherFile})` : ` (${otherFile})`}: the ${here === 'declared' ? 'deployment' : 'declaration'} does not match, so reviews of one miss what runs. Make them agree.`,
            range: fact.deployed ? fact.range : rangeFor(ctx, `${pointer}/eviction`),
            related: [{ uri: other.file, range: other.range, message: `${fact.deployed ? 'declared' : 'deployed'} eviction: ${fact.deployed ? declaredEviction : deployed.eviction}` }],
          });
        }
        if (declared.maxMemoryBytes !== undefined && deployed.maxMemoryBytes !== undefined
          && Math.abs(declared.maxMemoryBytes - deployed.maxMemoryBytes) > SIZE_TOLERANCE * Math.max(declared.maxMemoryBytes, deployed.maxMemoryBytes)) {
          const other = fact.deployed ? declared : deployed;
          findings.push({
            message: `Backend \`${name}\` is declared with \`maxMemory\` ${formatSize(declared.maxMemoryBytes)} but deployed with ${formatSize(deployed.maxMemoryBytes)}${fact.deployed ? ` (declared in ${otherFile})` : ` (${otherFile})`}: capacity planning and the real limit disagree. Make them agree.`,
            range: fact.deployed ? fact.maxMemoryRange ?? fact.range : rangeFor(ctx, `${pointer}/maxMemory`),
            related: [{ uri: other.file, range: other.maxMemoryRange ?? other.range, message: `${fact.deployed ? 'declared' : 'deployed'} maxMemory: ${formatSize((fact.deployed ? declared : deployed).maxMemoryBytes!)}` }],
          });
        }
      }
    }
    return findings;
  },
};

/** The eviction a declared backend writes (its effective eviction counts only when written). */
function declaredWritten(declared: BackendFact): string | undefined {
  return declared.evictionWritten ? declared.eviction : undefined;
}
