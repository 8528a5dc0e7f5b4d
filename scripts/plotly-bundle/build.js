// Bundle entry.js as plotly.js's own build does (same esbuild plugins and settings).
const esbuild = require('esbuild');
const { environmentPlugin } = require('esbuild-plugin-environment');
const { glsl } = require('esbuild-plugin-glsl');
const InlineCSSPlugin = require('esbuild-plugin-inline-css');
const path = require('path');

esbuild
  .build({
    entryPoints: [path.join(__dirname, 'entry.js')],
    outfile: process.argv[2],
    format: 'iife',
    globalName: 'Plotly',
    bundle: true,
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    plugins: [InlineCSSPlugin(), glsl({ minify: true }), environmentPlugin({ NODE_DEBUG: false })],
    alias: { regl: '@plotly/regl', stream: 'stream-browserify' },
    define: { global: 'window', 'define.amd': 'false' },
    target: 'es2016',
    logLevel: 'warning',
    banner: { js: '/* plotly.js 4.1.1 (MIT, https://github.com/plotly/plotly.js), scattermap only; includes MapLibre GL JS (BSD-3-Clause) */' },
  })
  .catch(() => process.exit(1));
