// Bundle entry.js as plotly.js's own build does (same esbuild plugins and settings), except that
// MapLibre's shared code ships once, in its own file: the page loads it before the bundle, and
// the map's (module) worker imports it, from the browser's cache, instead of carrying a copy.
//   node build.js <plotly bundle out> <maplibre shared out> <URL path of the shared file>
const esbuild = require('esbuild');
const { environmentPlugin } = require('esbuild-plugin-environment');
const { glsl } = require('esbuild-plugin-glsl');
const InlineCSSPlugin = require('esbuild-plugin-inline-css');
const path = require('path');

const [bundleOut, sharedOut, sharedUrl] = process.argv.slice(2);
const GLOBAL = '__maplibreShared';
const MAPLIBRE = 'MapLibre GL JS 6.9.0 (BSD-3-Clause, https://github.com/maplibre/maplibre-gl-js)';
const common = { bundle: true, minify: true, sourcemap: false, legalComments: 'none', target: 'es2016', logLevel: 'warning' };

// import ... from './maplibre-gl-shared.mjs' -> the global the shared file defines
const sharedAsGlobal = {
  name: 'shared-as-global',
  setup(build) {
    build.onResolve({ filter: /maplibre-gl-shared\.mjs$/ }, () => ({ path: 'shared', namespace: 'shared-global' }));
    build.onLoad({ filter: /.*/, namespace: 'shared-global' }, () => ({ contents: `module.exports = self.${GLOBAL};`, loader: 'js' }));
  },
};

async function main() {
  // Dash's scripts need only regeneratorRuntime of the Babel polyfill it ships (core-js for old
  // browsers, 32 KB compressed); the app serves this file in its place.
  await esbuild.build({
    ...common, bundle: false, entryPoints: [require.resolve('regenerator-runtime/runtime.js')],
    outfile: path.join(path.dirname(bundleOut), 'regenerator-runtime-0.14.1.min.js'),
    banner: { js: '/* regenerator-runtime 0.14.1 (MIT, https://github.com/facebook/regenerator) */' },
  });
  const dist = path.join(__dirname, 'node_modules/maplibre-gl/dist');
  await esbuild.build({
    ...common, entryPoints: [path.join(dist, 'maplibre-gl-shared.mjs')], outfile: sharedOut,
    format: 'iife', globalName: GLOBAL, banner: { js: `/* ${MAPLIBRE}: code shared by the map and its worker */` },
    footer: { js: `self.${GLOBAL} = ${GLOBAL};` },  // a global in a module worker too
  });
  const worker = await esbuild.build({
    ...common, entryPoints: [path.join(dist, 'maplibre-gl-worker.mjs')], write: false,
    format: 'iife', plugins: [sharedAsGlobal],
  });
  const workerCode = worker.outputFiles[0].text;
  // plotly.js's build/maplibre_worker.js (the whole worker as a string) -> the worker alone,
  // loading the shared file from the page's own server first
  const workerSource = {
    name: 'worker-source',
    setup(build) {
      build.onResolve({ filter: /build\/maplibre_worker$/ }, () => ({ path: 'worker', namespace: 'worker-source' }));
      build.onLoad({ filter: /.*/, namespace: 'worker-source' }, () => ({
        contents: `var url = new URL(${JSON.stringify(sharedUrl)}, document.baseURI).href;\n` +
          `module.exports = 'import ' + JSON.stringify(url) + ';\\n' + ${JSON.stringify(workerCode)};`,
        loader: 'js',
      }));
    },
  };
  await esbuild.build({
    ...common,
    entryPoints: [path.join(__dirname, 'entry.js')],
    outfile: bundleOut,
    format: 'iife',
    globalName: 'Plotly',
    plugins: [InlineCSSPlugin(), glsl({ minify: true }), environmentPlugin({ NODE_DEBUG: false }), sharedAsGlobal, workerSource],
    alias: { regl: '@plotly/regl', stream: 'stream-browserify' },
    define: { global: 'window', 'define.amd': 'false' },
    banner: { js: `/* plotly.js 4.1.1 (MIT, https://github.com/plotly/plotly.js), scattermap only; includes ${MAPLIBRE}, whose shared code is in a file of its own */` },
  });
}

main().catch((e) => { console.error(e); process.exit(1); });
