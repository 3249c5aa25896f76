// CW013: during an incident, the on-call engineer must find who owns a cache and where it is
// documented without reading YAML; a config without owner or docs link leaves them guessing.
import { asObject, asString } from './cacheLayer';
import { rangeFor } from './ranges';
import type { Finding, Rule, RuleContext } from './ruleTypes';

export const ownershipDocs: Rule = {
  id: 'CW013',
  title: 'Missing owner or docs link',
  defaultSeverity: 'warning',
  docsPath: 'docs/rules/CW013.md',
  check(ctx: RuleContext): Finding[] {
    const metadata = asObject(ctx.layer.metadata);
    const service = asString(metadata?.service) ?? 'this service';
    const findings: Finding[] = [];
    const missing: Record<string, string> = {
      owner: `\`metadata.owner\` is missing: nobody is named for the caches of ${service}, so during an incident the on-call engineer cannot tell whom to page. Add a team or email.`,
      docs: `\`metadata.docs\` is missing: the caches of ${service} link to no documentation, so a troubleshooter cannot see what they front or how to operate them. Add a path or URL.`,
    };
    for (const field of ['owner', 'docs'] as const) {
      const value = metadata?.[field];
      if (typeof value === 'string' && value.trim() !== '') continue;
      findings.push({ message: missing[field], range: rangeFor(ctx, `/metadata/${field}`) });
    }
    return findings;
  },
};
