#!/usr/bin/env sh
# Build dashboard/vendor/plotly-map.min.js (plotly.js with only scattermap and the components the
# map uses) and dashboard/vendor/maplibre-gl-shared-6.9.0.min.js (MapLibre's code shared by the
# map and its worker, loaded once by both), with precompressed .br and .gz copies. The app serves
# the first in place of the full plotly.min.js and puts the second on the page before it. Also
# dashboard/vendor/regenerator-runtime-0.14.1.min.js, served in place of Dash's Babel polyfill.
# Needs Node.js and npm (build time only); run after changing scripts/plotly-bundle/.
set -eu
cd "$(dirname "$0")/plotly-bundle"
npm install --no-audit --no-fund --ignore-scripts >/dev/null 2>&1
npm install --no-audit --no-fund esbuild@0.25.12 >/dev/null 2>&1  # esbuild's binary needs its script
bundle=dashboard/vendor/plotly-map.min.js
shared=dashboard/vendor/maplibre-gl-shared-6.9.0.min.js
node build.js "../../$bundle" "../../$shared" "vendor/$(basename "$shared")"
cd ../..
for out in "$bundle" "$shared" dashboard/vendor/regenerator-runtime-0.14.1.min.js; do
  "${PYTHON:-.venv/bin/python}" -c "from dashboard.static import precompress_file; precompress_file('$out')"
done
ls -l dashboard/vendor/
