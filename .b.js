const { generateCacheConfig } = require('./out/bench/cacheConfig.js');
const {SchemaRegistry}=require('./out/src/core/schema/schemaRegistry.js');
const {parseFile}=require('./out/src/core/document/parse.js');
const {validateDocument}=require('./out/src/core/schema/validate.js');
const {hoverAt}=require('./out/src/core/schema/hover.js');
const {completeAt}=require('./out/src/core/schema/completion.js');
const text = generateCacheConfig(6000);
const id='https://cache-warden.dev/schemas/v1/cache-layer.schema.json';
let t=performance.now(); const p=parseFile(text); console.log('lines', p.lines.lineCount, 'parse', (performance.now()-t).toFixed(1));
const r=new SchemaRegistry();
t=performance.now(); r.getValidator(id); console.log('compile', (performance.now()-t).toFixed(1));
const times=[]; let n;
for (let i=0;i<20;i++){ t=performance.now(); n=validateDocument(p.documents[0], id, r, p.lines).length; times.push(performance.now()-t); }
times.sort((a,b)=>a-b); console.log('validate median', times[10].toFixed(2), 'diags', n);
const off = text.indexOf('eviction:', text.length/2)+2;
const h=[]; for (let i=0;i<50;i++){ t=performance.now(); hoverAt(p, off, id, r); h.push(performance.now()-t);} h.sort((a,b)=>a-b); console.log('hover median', h[25].toFixed(2));
const coff = text.indexOf('      enabled: true', text.length/2);
const c=[]; let k; for (let i=0;i<20;i++){ t=performance.now(); k=completeAt(p, coff+6, id, r).length; c.push(performance.now()-t);} c.sort((a,b)=>a-b); console.log('completion median', c[10].toFixed(2), k);
