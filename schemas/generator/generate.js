#!/usr/bin/env node
// Generates schemas/*.schema.json and docs/config/*.md from one description of every field, so the
// hover text, the `x-docs` links and the reference pages cannot drift apart.
//   node schemas/generator/generate.js          write the files
//   node schemas/generator/generate.js --check  exit 1 if any written file is out of date
'use strict';
const fs = require('fs');
const path = require('path');
const root = path.resolve(__dirname, '..', '..');
const { schema: cacheLayer } = require('./cache-layer');
const { schema: projectConfig } = require('./project-config');
const { schema: docFrontMatter } = require('./doc-front-matter');
const { renderPages, brokenLinks } = require('./docs-pages');

const outputs = new Map([
  ['schemas/cache-layer.schema.json', JSON.stringify(cacheLayer, null, 2) + '\n'],
  ['schemas/project-config.schema.json', JSON.stringify(projectConfig, null, 2) + '\n'],
  ['schemas/doc-front-matter.schema.json', JSON.stringify(docFrontMatter, null, 2) + '\n'],
]);
const pages = renderPages();
for (const [name, text] of Object.entries(pages)) outputs.set(`docs/config/${name}`, text);

const broken = brokenLinks(pages);
if (broken.length) {
  console.error(`Docs links without a target anchor:\n  ${broken.join('\n  ')}`);
  process.exit(1);
}

const check = process.argv.includes('--check');
const stale = [];
for (const [rel, text] of outputs) {
  const file = path.join(root, rel);
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  if (current === text) continue;
  if (check) stale.push(rel);
  else {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    console.log(`wrote ${rel}`);
  }
}
if (check && stale.length) {
  console.error(`Out of date (run node schemas/generator/generate.js):\n  ${stale.join('\n  ')}`);
  process.exit(1);
}
if (check) console.log(`${outputs.size} generated files up to date`);
