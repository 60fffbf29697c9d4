#!/usr/bin/env node
// Writes NAME.br (brotli, quality 11) and NAME.gz (gzip level 9) next to every .wasm, .js and .css file under the
// site's pkg directory, so the server can hand them out as they are (tower-http ServeDir precompressed_br /
// precompressed_gzip) instead of compressing on each request.
//
//   node scripts/precompress.mjs [DIR]     DIR defaults to $LEPTOS_SITE_ROOT/pkg, else target/site/pkg
//
// A compressed copy is rewritten only when it is older than its source. Exits non-zero when DIR is missing or
// holds no file to compress (a build that produced nothing should not pass silently).
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = process.argv[2] ?? join(process.env.LEPTOS_SITE_ROOT ?? 'target/site', 'pkg');
const EXTENSIONS = ['.wasm', '.js', '.css'];

function walk(dir) {
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...walk(path));
    else if (entry.isFile() && EXTENSIONS.some((ext) => entry.name.endsWith(ext))) files.push(path);
  }
  return files;
}

function fresh(source, target) {
  try {
    return statSync(target).mtimeMs >= statSync(source).mtimeMs;
  } catch {
    return false;
  }
}

function kb(bytes) {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

let files;
try {
  files = walk(root);
} catch (err) {
  console.error(`precompress: cannot read ${root}: ${err.message} (run cargo leptos build --release first)`);
  process.exit(1);
}
if (files.length === 0) {
  console.error(`precompress: no .wasm/.js/.css file under ${root}`);
  process.exit(1);
}

for (const file of files.sort()) {
  const data = readFileSync(file);
  const sizes = [];
  const br = `${file}.br`;
  if (!fresh(file, br)) {
    writeFileSync(
      br,
      brotliCompressSync(data, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: 11,
          [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
          [constants.BROTLI_PARAM_MODE]: file.endsWith('.wasm') ? constants.BROTLI_MODE_GENERIC : constants.BROTLI_MODE_TEXT,
        },
      }),
    );
  }
  sizes.push(`br ${kb(statSync(br).size)}`);
  const gz = `${file}.gz`;
  if (!fresh(file, gz)) {
    writeFileSync(gz, gzipSync(data, { level: 9 }));
  }
  sizes.push(`gz ${kb(statSync(gz).size)}`);
  console.log(`precompress: ${relative(process.cwd(), file)} ${kb(data.length)} -> ${sizes.join(', ')}`);
}
