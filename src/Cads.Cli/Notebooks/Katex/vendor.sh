#!/usr/bin/env bash
# Vendors KaTeX (MIT, https://katex.org) for the notebook pages: the minified script and style sheet and the
# WOFF2 fonts (the exporter inlines them as data: URIs, so pages render formulas with no network).
# Pinned version and tarball checksum; run from anywhere with npm on the PATH: src/Cads.Cli/Notebooks/Katex/vendor.sh
set -euo pipefail
VERSION=0.19.1
SHA256=24da5a599eb2fcede2e270b99a6ff48bca816beecc95feeb84e8cccbd1bb34fd
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack "katex@$VERSION" --silent >/dev/null)
echo "$SHA256  $work/katex-$VERSION.tgz" | sha256sum -c --quiet -
tar xzf "$work/katex-$VERSION.tgz" -C "$work"
rm -rf "$here/fonts"
mkdir -p "$here/fonts"
cp "$work/package/dist/katex.min.js" "$work/package/dist/katex.min.css" "$here/"
cp "$work/package/dist/fonts/"*.woff2 "$here/fonts/"
cp "$work/package/LICENSE" "$here/LICENSE"
echo "$VERSION" > "$here/VERSION"
echo "KaTeX $VERSION vendored into $here"
