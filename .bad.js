const {analyzeWith, describe}=require('./out/test/unit/schema/helpers.js');
const {completeAt}=require('./out/src/core/schema/completion.js');
const {hoverAt}=require('./out/src/core/schema/hover.js');
const {SchemaRegistry}=require('./out/src/core/schema/schemaRegistry.js');
const r = new SchemaRegistry();
const id='https://cache-warden.dev/schemas/v1/cache-layer.schema.json';
function run(name, text) {
  const t = performance.now();
  let a;
  try { a = analyzeWith(text, '/w/x.cache.yaml', r); } catch (e) { console.log(name, 'THREW', e.message.slice(0,200)); return; }
  const t1 = performance.now();
  let c, h;
  try { c = completeAt(a.parsed, Math.floor(text.length/2), id, r).length; h = !!hoverAt(a.parsed, Math.floor(text.length/2), id, r); } catch (e) { console.log(name, 'THREW in c/h', e.message.slice(0,200)); }
  console.log(name, (t1-t).toFixed(0)+'ms', 'c/h', (performance.now()-t1).toFixed(0)+'ms', describe(a.diagnostics).slice(0,3).map(s=>s.slice(0,200)));
}
run('10MB', 'a: ' + 'x'.repeat(10*1024*1024) + '\n');
run('deep-flow', '['.repeat(10000) + ']'.repeat(10000));
run('deep-block', Array.from({length: 10000}, (_, i) => ' '.repeat(i) + 'k:').join('\n'));
run('deep-list', Array.from({length: 10000}, (_, i) => ' '.repeat(i*2) + '- ').join('\n') + 'x');
run('bomb', 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n');
const buf = Buffer.alloc(200000); for (let i=0;i<buf.length;i++) buf[i] = (i*7919 + (i>>3)*31) & 255;
run('binary', buf.toString('latin1'));
run('binary-utf8', buf.toString('utf8'));
run('4.9MB valid', 'apiVersion: cache-warden/v1\nkind: CacheLayer\nmetadata:\n  service: s\nspec:\n  backends:\n    - name: r\n      type: redis\n  caches:\n' + Array.from({length: 40000}, (_, i) => `    - name: c${i}\n      backend: r\n      ttl: { value: 10m }\n`).join('').slice(0, 4.9*1024*1024));
