#!/usr/bin/env sh
# Copy Bootstrap's CSS (MIT) from the npm registry into dashboard/assets/, so the page needs no CDN.
# The source-map comment is dropped: the map file is not shipped, and a browser would ask for it.
set -eu
cd "$(dirname "$0")/.."
VERSION=5.3.8
tmp=$(mktemp -d)
npm pack "bootstrap@$VERSION" --pack-destination "$tmp" >/dev/null 2>&1
tar xzf "$tmp/bootstrap-$VERSION.tgz" -C "$tmp" package/dist/css/bootstrap.min.css
sed 's#/\*\# sourceMappingURL=bootstrap.min.css.map \*/##' "$tmp/package/dist/css/bootstrap.min.css" \
  > dashboard/assets/bootstrap.min.css
rm -r "$tmp"
