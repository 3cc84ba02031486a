// Transfer sizes of the files a page loaded: raw, gzip -9 and brotli (max quality),
// each file compressed on its own since each is its own HTTP response.
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/**
 * @param {string[]} files absolute paths
 * @returns {{ raw: number, gzip: number, brotli: number, files: Array<{ file: string, raw: number, gzip: number, brotli: number }> }}
 */
export function measureSizes(files) {
  const rows = files.map((file) => {
    const buf = readFileSync(file);
    return {
      file,
      raw: buf.length,
      gzip: gzipSync(buf, { level: 9 }).length,
      brotli: brotliCompressSync(buf, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buf.length },
      }).length,
    };
  });
  const sum = (/** @type {'raw'|'gzip'|'brotli'} */ k) => rows.reduce((n, r) => n + r[k], 0);
  return { raw: sum('raw'), gzip: sum('gzip'), brotli: sum('brotli'), files: rows };
}
