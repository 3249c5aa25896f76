// Which severity a rule has for one file. Layers, later wins: the rule's default → editor settings
// (`cacheWarden.rules`, then matching `cacheWarden.ruleOverrides` in order) → the project file
// (`rules`, then matching `overrides` in order). The project file comes last so that the editor
// and CI agree whenever the project file says anything about a rule.
import picomatch from 'picomatch';
import { ruleById } from '../rules/registry';
import type { Severity } from '../types';
import { RULE_SETTINGS, type ProjectConfig, type RuleSetting } from './projectConfig';

/** `cacheWarden.rules` and `cacheWarden.ruleOverrides` as read from VS Code settings (unvalidated). */
export interface EditorRuleSettings {
  rules?: unknown;
  ruleOverrides?: unknown;
}

const matchers = new Map<string, (path: string) => boolean>();

/** Does a workspace-relative path match any of the globs? Globs without `/` match the file name. */
export function matchesGlobs(filePath: string, globs: readonly string[]): boolean {
  const path = normalizePath(filePath);
  return globs.some((glob) => {
    let matcher = matchers.get(glob);
    if (!matcher) {
      matcher = picomatch(glob.replace(/^\.\//, ''), { dot: true, basename: !glob.includes('/') });
      matchers.set(glob, matcher);
    }
    return matcher(path);
  });
}

export function normalizePath(filePath: string): string {
  return filePath.replace(/\\/g, '/').replace(/^\.\//, '');
}

export function resolveSeverity(
  ruleId: string, filePath: string, projectConfig?: ProjectConfig, editorSettings?: EditorRuleSettings,
): RuleSetting {
  let setting: RuleSetting = ruleById(ruleId)?.defaultSeverity ?? 'warning';
  const apply = (rules: unknown) => {
    const value = isObject(rules) ? rules[ruleId] : undefined;
    if (typeof value === 'string' && RULE_SETTINGS.includes(value as RuleSetting)) setting = value as RuleSetting;
  };
  if (editorSettings) {
    apply(editorSettings.rules);
    if (Array.isArray(editorSettings.ruleOverrides)) {
      for (const override of editorSettings.ruleOverrides) {
        if (!isObject(override)) continue;
        const files = typeof override.files === 'string' ? [override.files] : Array.isArray(override.files) ? override.files.filter((f): f is string => typeof f === 'string') : [];
        if (files.length && matchesGlobs(filePath, files)) apply(override.rules);
      }
    }
  }
  if (projectConfig) {
    apply(projectConfig.rules);
    for (const override of projectConfig.overrides) if (matchesGlobs(filePath, override.files)) apply(override.rules);
  }
  return setting;
}

/** Advisory findings are one step softer than the rule: error/warning → information. */
export function softened(severity: Severity): Severity {
  return severity === 'error' || severity === 'warning' ? 'information' : severity;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
