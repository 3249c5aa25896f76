// Bundles the extension (Node), the CLI (Node) and the graph webview (browser) with esbuild.
//   node scripts/build.mjs               development: sourcemaps, readable output
//   node scripts/build.mjs --production  minified, no sourcemaps (what `npm run package` ships)
//   node scripts/build.mjs --watch       rebuild on change (development only)
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const dist = path.join(repoRoot, 'dist');

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  legalComments: production ? 'none' : 'inline',
  logLevel: 'warning',
  metafile: true,
  absWorkingDir: repoRoot,
};

/**
 * The extension ships schemas/ anyway (other tools point at it), so its bundle requires them from
 * there at run time instead of inlining ~100 kB of JSON a second time. The CLI stays one
 * self-contained file, so it keeps them inlined.
 */
const schemasFromPackage = {
  name: 'schemas-from-package',
  setup(build) {
    build.onResolve({ filter: /schemas\/[^/]+\.schema\.json$/ }, (args) => ({
      path: `../schemas/${path.basename(args.path)}`,
      external: true,
    }));
  },
};

/**
 * Packages that are required lazily, on first use, go into chunks of their own (dist/vendor/*.js)
 * instead of the bundles: the `yaml` package (src/core/document/yamlLibrary.ts: most files take
 * the fast scanner) and the HCL parser with its CodeMirror/Lezer dependencies
 * (src/core/formats/terraform.ts: only Terraform files need it). A bundle is compiled as a whole
 * when it loads, so every start of the CLI or the language server would otherwise pay for their
 * ~1 MB of source.
 */
const LAZY_CHUNKS = [
  { name: 'vendor-yaml', module: 'yaml', entry: 'node_modules/yaml/dist/index.js', outfile: 'dist/vendor/yaml.js' },
  { name: 'vendor-hcl', module: 'codemirror-lang-hcl', entry: 'node_modules/codemirror-lang-hcl/dist/index.js', outfile: 'dist/vendor/hcl.js' },
];
const lazyChunks = {
  name: 'lazy-chunks',
  setup(build) {
    for (const chunk of LAZY_CHUNKS) {
      const filter = new RegExp(`^${chunk.module.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')}$`);
      build.onResolve({ filter }, () => ({ path: `./vendor/${path.basename(chunk.outfile)}`, external: true }));
    }
  },
};

const nodeBundle = { ...common, platform: 'node', format: 'cjs', target: 'node20', mainFields: ['module', 'main'] };

/** Each entry is built only if its source exists, so the build works while features are added. */
const bundles = [
  { name: 'extension', entry: 'src/extension/extension.ts', options: { ...nodeBundle, outfile: 'dist/extension.js', external: ['vscode'], plugins: [schemasFromPackage, lazyChunks] } },
  { name: 'server', entry: 'src/server/main.ts', options: { ...nodeBundle, outfile: 'dist/server.js', plugins: [schemasFromPackage, lazyChunks] } },
  ...LAZY_CHUNKS.map((chunk) => ({ name: chunk.name, entry: chunk.entry, options: { ...nodeBundle, outfile: chunk.outfile } })),
  // The worker thread that reads docs during the language server's first scan
  // (src/core/workspace/docPreparation.ts starts dist/docWorker.js, next to the bundle).
  { name: 'doc-worker', entry: 'src/core/workspace/docWorker.ts', options: { ...nodeBundle, outfile: 'dist/docWorker.js', plugins: [lazyChunks] } },
  // The CLI (and `cache-warden lsp --stdio`) keeps the schemas inlined; it loads the lazy chunks
  // from dist/vendor/ like the extension.
  { name: 'cli', entry: 'src/cli/main.ts', options: { ...nodeBundle, outfile: 'dist/cli.js', plugins: [lazyChunks] } },
  {
    name: 'webview',
    entry: 'media/diagram/main.ts',
    options: { ...common, platform: 'browser', format: 'iife', target: 'es2022', outfile: 'dist/webview/diagram.js' },
  },
  // The ELK layout (elkjs is large) is its own bundle, loaded by the webview only when asked for.
  {
    name: 'webview-elk',
    entry: 'media/diagram/elkLayout.ts',
    options: { ...common, platform: 'browser', format: 'iife', target: 'es2022', outfile: 'dist/webview/diagram-elk.js' },
  },
];

function copyWebviewStyles() {
  const from = path.join(repoRoot, 'media', 'diagram');
  if (!fs.existsSync(from)) return [];
  const to = path.join(dist, 'webview');
  fs.mkdirSync(to, { recursive: true });
  const copied = [];
  for (const name of fs.readdirSync(from)) {
    if (!name.endsWith('.css')) continue;
    fs.copyFileSync(path.join(from, name), path.join(to, name));
    copied.push(path.join('dist', 'webview', name));
  }
  return copied;
}

function formatSize(bytes) {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MB` : `${(bytes / 1024).toFixed(1)} kB`;
}

function printSizes(files) {
  for (const file of files) {
    const size = fs.statSync(path.join(repoRoot, file), { throwIfNoEntry: false })?.size;
    console.log(`  ${file.padEnd(34)} ${(size === undefined ? 'missing' : formatSize(size)).padStart(10)}`);
  }
}

async function main() {
  const started = Date.now();
  const present = bundles.filter((bundle) => {
    if (fs.existsSync(path.join(repoRoot, bundle.entry))) return true;
    console.log(`build: skipping ${bundle.name} (${bundle.entry} does not exist yet)`);
    return false;
  });
  if (!present.some((bundle) => bundle.name === 'extension')) {
    throw new Error('src/extension/extension.ts is missing; there is nothing to package.');
  }

  if (watch) {
    for (const bundle of present) {
      const context = await esbuild.context({ ...bundle.options, entryPoints: [bundle.entry] });
      await context.watch();
    }
    copyWebviewStyles();
    console.log('build: watching for changes (Ctrl+C to stop)');
    return;
  }

  const results = await Promise.all(present.map((bundle) => esbuild.build({ ...bundle.options, entryPoints: [bundle.entry] })));
  const written = results.flatMap((result) => Object.keys(result.metafile.outputs));
  written.push(...copyWebviewStyles());
  removeStaleOutputs(written);
  console.log(`build (${production ? 'production' : 'development'}) in ${Date.now() - started} ms:`);
  printSizes(written.filter((file) => !file.endsWith('.map')));
}

/**
 * Stale files (a removed entry's bundle, the other mode's source maps) must not be packaged. They
 * are removed after the build rather than wiping dist/ before it, so a build never leaves dist/
 * without an extension.js for a test run or demo that is reading it.
 */
function removeStaleOutputs(written) {
  const keep = new Set(written.map((file) => path.resolve(repoRoot, file)));
  for (const name of fs.readdirSync(dist, { recursive: true })) {
    const file = path.join(dist, String(name));
    if (!keep.has(file) && fs.statSync(file, { throwIfNoEntry: false })?.isFile()) fs.rmSync(file, { force: true });
  }
}

main().catch((error) => {
  // esbuild has already printed located errors; this adds the one-line reason.
  console.error(`build failed: ${error.message.split('\n')[0]}`);
  process.exit(1);
});
