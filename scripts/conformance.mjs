// Runs the official JSON-Schema-Test-Suite through `cache-warden check --schema` — the path users
// take — with every instance written once as `.json` and once as `.yaml`, and beside it through plain
// ajv on the same schemas. Prints a Markdown table per draft.
//
//   npm run conformance -- <suite folder> [--draft 2020-12] [--failures] [--cli dist/cli.js]
//
// <suite folder> is a checkout of json-schema-org/JSON-Schema-Test-Suite (its `tests/` and
// `remotes/`). Core tests only (`optional/` is not part of the requirement). `refRemote.json` is
// counted on its own row. Groups whose schema names `http://localhost:1234/` get the suite's
// `remotes/` folder mapped there with `--schema-map` (and handed to ajv with `addSchema`). A file
// that gets a schema problem (a reference that cannot be resolved, a schema that does not compile)
// or an engine failure has no verdict: it never counts as right.
// Schemas without `$schema` (the suite leaves it out for drafts 4–7) get the draft's `$schema`, as a
// user's schema would declare it. --failures lists every test that ajv gets right and Cache Warden
// gets wrong; --cli runs another build of the CLI (to compare with an older one).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { default: Ajv } = require('ajv');
const { default: Ajv2019 } = require('ajv/dist/2019');
const { default: Ajv2020 } = require('ajv/dist/2020');
const { default: AjvDraft04 } = require('ajv-draft-04');
const { default: addFormats } = require('ajv-formats');
const draft06Meta = require('ajv/dist/refs/json-schema-draft-06.json');
const YAML = require('yaml');

const DRAFTS = [
  { name: '4', folder: 'draft4', remotes: 'draft4', meta: 'http://json-schema.org/draft-04/schema#', ajv: () => new AjvDraft04(ajvOptions()) },
  { name: '6', folder: 'draft6', remotes: 'draft6', meta: 'http://json-schema.org/draft-06/schema#', ajv: () => withDraft06(new Ajv(ajvOptions())) },
  { name: '7', folder: 'draft7', remotes: 'draft7', meta: 'http://json-schema.org/draft-07/schema#', ajv: () => new Ajv(ajvOptions()) },
  { name: '2019-09', folder: 'draft2019-09', remotes: 'draft2019-09', meta: 'https://json-schema.org/draft/2019-09/schema', ajv: () => new Ajv2019(ajvOptions()) },
  { name: '2020-12', folder: 'draft2020-12', remotes: 'draft2020-12', meta: 'https://json-schema.org/draft/2020-12/schema', ajv: () => new Ajv2020(ajvOptions()) },
];
const REMOTE_PREFIX = 'http://localhost:1234/';
const NO_VERDICT = new Set(['schema-not-found', 'schema-remote-blocked', 'schema-remote-pending', 'schema-remote-failed', 'schema-invalid', 'schema-ref-unresolved', 'analysis-failed']);

function ajvOptions() {
  return { strict: false, logger: false };
}

function withDraft06(ajv) {
  ajv.addMetaSchema(draft06Meta);
  return ajv;
}

function parseArgs(argv) {
  const options = { suite: undefined, drafts: undefined, failures: false, cli: path.join(repoRoot, 'dist', 'cli.js') };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--draft') (options.drafts ??= []).push(argv[++i]);
    else if (arg === '--failures') options.failures = true;
    else if (arg === '--cli') options.cli = path.resolve(argv[++i]);
    else if (!options.suite) options.suite = path.resolve(arg);
    else throw new Error(`unexpected argument ${arg}`);
  }
  if (!options.suite || !fs.existsSync(path.join(options.suite, 'tests'))) {
    throw new Error('usage: npm run conformance -- <JSON-Schema-Test-Suite folder> [--draft <name>] [--failures] [--cli <dist/cli.js>]');
  }
  return options;
}

/** Every JSON file under remotes/, by its `http://localhost:1234/` URL. */
function remoteSchemas(suite) {
  const root = path.join(suite, 'remotes');
  const out = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.json')) out.push({ url: REMOTE_PREFIX + path.relative(root, full).split(path.sep).join('/'), schema: JSON.parse(fs.readFileSync(full, 'utf8')) });
    }
  };
  walk(root);
  return out;
}

/** The remotes a draft's tests use: the shared top-level ones and the draft's own folder. */
function remotesFor(draft, remotes) {
  const otherFolders = /^http:\/\/localhost:1234\/(draft[^/]*|v1)\//;
  return remotes.filter((r) => !otherFolders.test(r.url) || r.url.startsWith(`${REMOTE_PREFIX}${draft.remotes}/`));
}

function withDraft(schema, draft) {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema) || schema.$schema) return schema;
  return { $schema: draft.meta, ...schema };
}

/** Plain ajv: a fresh instance per group, the remotes added by URL; true/false per test, or errors. */
function runAjv(draft, group, schema, remotes) {
  let validate;
  try {
    const ajv = draft.ajv();
    addFormats(ajv);
    for (const remote of remotes) {
      try {
        ajv.addSchema(remote.schema, remote.url, undefined, false);
      } catch {
        // A remote of another flavour that this ajv cannot take: the tests do not need it.
      }
    }
    validate = ajv.compile(schema);
  } catch {
    return group.tests.map(() => undefined);
  }
  return group.tests.map((t) => {
    try {
      return validate(t.data);
    } catch {
      return undefined;
    }
  });
}

/** Cache Warden: one `check --schema` run per group, every test as `tN.json` and `tN.yaml`. */
async function runCacheWarden(main, dir, schema, group, extraArgs) {
  fs.writeFileSync(path.join(dir, 'schema.json'), JSON.stringify(schema, null, 2));
  const files = [];
  group.tests.forEach((t, i) => {
    fs.writeFileSync(path.join(dir, `t${i}.json`), `${JSON.stringify(t.data, null, 2)}\n`);
    fs.writeFileSync(path.join(dir, `t${i}.yaml`), YAML.stringify(t.data, { lineWidth: 0 }));
    files.push(`t${i}.json`, `t${i}.yaml`);
  });
  let stdout = '';
  let stderr = '';
  const io = { cwd: dir, color: false, stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) };
  const code = await main(['check', '--schema', 'schema.json', '--format', 'json', ...extraArgs, ...files], io);
  const verdicts = new Map();
  if (code === 0 || code === 1) {
    for (const file of JSON.parse(stdout).files) {
      const messages = file.diagnostics.map((d) => `${d.code}: ${d.message}`);
      // A schema that could not be used in full, or an engine failure, is no verdict (never "right").
      const noVerdict = file.diagnostics.some((d) => NO_VERDICT.has(d.code));
      verdicts.set(file.path, { valid: noVerdict ? undefined : !file.diagnostics.some((d) => d.severity === 'error'), messages: noVerdict ? messages.filter((m) => NO_VERDICT.has(m.split(':')[0])) : messages });
    }
  }
  const result = (name) => verdicts.get(name) ?? { valid: undefined, messages: [`exit ${code}: ${stderr.split('\n')[0]}`] };
  return group.tests.map((_, i) => ({ json: result(`t${i}.json`), yaml: result(`t${i}.yaml`) }));
}

function emptyRow() {
  return { tests: 0, ajv: 0, json: 0, yaml: 0, both: 0, ajvOnly: 0, ajvOnlyNoFormat: 0, formatTests: 0 };
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  // ajv warns on the console about formats it does not know; the table is the output.
  console.warn = () => {};
  const { main: cli } = require(options.cli);
  const remotes = remoteSchemas(options.suite);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-conformance-'));
  const rows = [];
  const failures = [];
  const ajvWrong = [];
  const cwWrong = [];
  try {
    for (const draft of DRAFTS) {
      if (options.drafts && !options.drafts.includes(draft.name)) continue;
      const core = emptyRow();
      const remote = emptyRow();
      const folder = path.join(options.suite, 'tests', draft.folder);
      const draftRemotes = remotesFor(draft, remotes);
      for (const file of fs.readdirSync(folder).filter((f) => f.endsWith('.json')).sort()) {
        const isRemote = file === 'refRemote.json';
        const row = isRemote ? remote : core;
        const groups = JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8'));
        for (const [g, group] of groups.entries()) {
          const schema = withDraft(group.schema, draft);
          // The remotes are there for every group that names them (refRemote, and a few others).
          const usesRemotes = JSON.stringify(group.schema).includes(REMOTE_PREFIX);
          const extraArgs = usesRemotes ? ['--schema-map', `${REMOTE_PREFIX}=${path.join(options.suite, 'remotes')}`] : [];
          const dir = path.join(work, `${draft.folder}-${file}-${g}`);
          fs.mkdirSync(dir);
          const ajvResults = runAjv(draft, group, schema, usesRemotes ? draftRemotes : []);
          const cwResults = await runCacheWarden(cli, dir, schema, group, extraArgs);
          fs.rmSync(dir, { recursive: true, force: true });
          group.tests.forEach((t, i) => {
            const ajvRight = ajvResults[i] === t.valid;
            const jsonRight = cwResults[i].json.valid === t.valid;
            const yamlRight = cwResults[i].yaml.valid === t.valid;
            row.tests++;
            if (file === 'format.json') row.formatTests++;
            if (ajvRight) row.ajv++;
            if (jsonRight) row.json++;
            if (yamlRight) row.yaml++;
            if (jsonRight && yamlRight) row.both++;
            if (!ajvRight) ajvWrong.push(`draft ${draft.name} ${file} › ${group.description} › ${t.description} (valid: ${t.valid}, ajv: ${ajvResults[i] ?? 'compile error'})`);
            if (!(jsonRight && yamlRight)) cwWrong.push(`draft ${draft.name} ${file} › ${group.description} › ${t.description} (valid: ${t.valid}; .json: ${cwResults[i].json.messages[0] ?? 'no problem'}; .yaml: ${cwResults[i].yaml.messages[0] ?? 'no problem'})`);
            if (ajvRight && !(jsonRight && yamlRight)) {
              row.ajvOnly++;
              if (file !== 'format.json') {
                row.ajvOnlyNoFormat++;
                failures.push({ draft: draft.name, file, group: group.description, test: t.description, expected: t.valid, json: cwResults[i].json, yaml: cwResults[i].yaml });
              }
            }
          });
        }
      }
      rows.push({ draft: draft.name, core, remote });
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  printTable(rows);
  if (options.failures) {
    console.log(`\nTests plain ajv gets right and Cache Warden gets wrong (format.json aside): ${failures.length}`);
    for (const f of failures) {
      const which = [f.json.valid !== f.expected ? `.json: ${f.json.messages[0] ?? 'no problem reported'}` : '', f.yaml.valid !== f.expected ? `.yaml: ${f.yaml.messages[0] ?? 'no problem reported'}` : ''].filter(Boolean).join(' | ');
      console.log(`- draft ${f.draft} ${f.file} › ${f.group} › ${f.test} (valid: ${f.expected}) — ${which}`);
    }
    console.log(`\nTests plain ajv gets wrong: ${ajvWrong.length}`);
    for (const line of ajvWrong) console.log(`- ${line}`);
    console.log(`\nTests Cache Warden gets wrong (as .json or .yaml): ${cwWrong.length}`);
    for (const line of cwWrong) console.log(`- ${line}`);
  }
}

function printTable(rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  console.log(line(['Draft', 'Tests', 'Plain ajv right', 'Cache Warden right (.json)', 'Cache Warden right (.yaml)', 'Cache Warden right (both)', 'ajv right, Cache Warden wrong', '… format.json aside']));
  console.log(line(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:']));
  for (const { draft, core } of rows) {
    console.log(line([draft, core.tests, core.ajv, core.json, core.yaml, core.both, core.ajvOnly, core.ajvOnlyNoFormat].map(String)));
  }
  console.log('');
  console.log(line(['refRemote.json (remotes/ mapped)', 'Tests', 'Plain ajv right', 'Cache Warden right (.json)', 'Cache Warden right (.yaml)', 'Cache Warden right (both)', 'ajv right, Cache Warden wrong']));
  console.log(line(['---', '---:', '---:', '---:', '---:', '---:', '---:']));
  for (const { draft, remote } of rows) {
    console.log(line([`draft ${draft}`, remote.tests, remote.ajv, remote.json, remote.yaml, remote.both, remote.ajvOnly].map(String)));
  }
}

main().catch((error) => {
  console.error(error.message);
  process.exitCode = 2;
});
