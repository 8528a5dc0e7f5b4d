#!/usr/bin/env sh
# Build dashboard/vendor/plotly-map.min.js (plotly.js with only scattermap, about 60 % of the full
# bundle) and its precompressed .br and .gz copies. The app serves it in place of the full
# plotly.min.js. Needs Node.js and npm (build time only); run after changing scripts/plotly-bundle/.
set -eu
cd "$(dirname "$0")/plotly-bundle"
npm install --no-audit --no-fund --ignore-scripts >/dev/null 2>&1
npm install --no-audit --no-fund esbuild@0.25.12 >/dev/null 2>&1  # esbuild's binary needs its script
node build.js ../../dashboard/vendor/plotly-map.min.js
cd ../..
out=dashboard/vendor/plotly-map.min.js
"${PYTHON:-.venv/bin/python}" -c "from dashboard.static import precompress_file; precompress_file('$out')"
ls -l dashboard/vendor/plotly-map.min.js*
