import decode from 'heic-decode';
import fs from 'node:fs';
const buf = fs.readFileSync('/tmp/gl/12mp.heic');
for (let i=0;i<3;i++){ const t=performance.now(); await decode({buffer:buf}); console.log('decode', (performance.now()-t).toFixed(0)); }
