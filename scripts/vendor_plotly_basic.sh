#!/usr/bin/env sh
# Copy plotly.js's "basic" bundle (MIT; scatter, bar, pie) from the npm registry into
# dashboard/vendor/. `alliance-map export html` inlines it: a file:// page cannot start
# MapLibre's worker, so the standalone map is drawn with plain scatter traces.
set -eu
cd "$(dirname "$0")/.."
VERSION=4.1.1  # the plotly.js inside the pinned plotly package
tmp=$(mktemp -d)
npm pack "plotly.js-basic-dist-min@$VERSION" --pack-destination "$tmp" >/dev/null 2>&1
tar xzf "$tmp/plotly.js-basic-dist-min-$VERSION.tgz" -C "$tmp" package/plotly-basic.min.js
cp "$tmp/package/plotly-basic.min.js" dashboard/vendor/plotly-basic.min.js
rm -r "$tmp"
