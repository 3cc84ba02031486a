// Marginal size of one source module: bundles it minified with its npm
// dependencies, leaving out what it imports from src/core and src/platform
// (already counted in the core), and prints raw and gzip -9 bytes.
// Usage: node scripts/measure.mjs src/ui/createUi.ts
import { rollup } from 'rollup';
import typescript from '@rollup/plugin-typescript';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { minifyCss } from '../rollup.config.mjs';

const [file] = process.argv.slice(2);
const isShared = (id) => /\/src\/(core|platform)\//.test(id) && !id.includes(file);
const bundle = await rollup({
  input: file,
  external: (id, importer) => !!importer && /^\.\.?\//.test(id) && isShared(new URL(id, 'file://' + importer).pathname),
  plugins: [
    { name: 'raw-css', resolveId: (s, i) => (s.endsWith('.css?raw') ? new URL(s.slice(0, -4), 'file://' + i).pathname + '?raw' : null),
      load: (id) => (id.endsWith('?raw') ? `export default ${JSON.stringify(minifyCss(readFileSync(id.slice(0, -4), 'utf8')))}` : null) },
    nodeResolve({ browser: true }),
    typescript({ tsconfig: './tsconfig.json', include: ['src/**/*.ts'], noEmit: false, declaration: false, outDir: undefined }),
  ],
  onwarn: () => {},
});
const { output } = await bundle.generate({ format: 'es', plugins: [terser({ module: true, compress: { passes: 3 } })] });
const code = output[0].code;
console.log(`${file}: ${code.length} B raw, ${gzipSync(code, { level: 9 }).length} B gzip -9`);
