#!/bin/sh
# Installs one pinned release of stakes for a host's build (GitHub Actions, Netlify, Cloudflare
# Pages …): downloads the release archive for this machine, checks its SHA-256 and puts the
# binary in .stakes/bin/stakes, in seconds instead of minutes of compiling. On a machine no
# release archive is built for, it compiles that version with `cargo install` instead.
#
# Copy this file into your site's repository and run `sh install-stakes.sh`; add `.stakes/`
# to .gitignore. Settings, as environment variables:
#   STAKES_VERSION  the release to install (default below); change it to upgrade
#   STAKES_SHA256   the archive's SHA-256 from the release's page, to pin the exact bytes
#                   (without it, the checksum published beside the archive is checked)
#   STAKES_ROOT     where to install (default .stakes; the binary is $STAKES_ROOT/bin/stakes)
#   STAKES_REPO     the stakes repository the releases come from
#   STAKES_FROM_SOURCE=1  always compile with cargo (needs Rust)
set -eu

version="${STAKES_VERSION:-0.1.0}"
root="${STAKES_ROOT:-.stakes}"
repo="${STAKES_REPO:-https://github.com/stakes-news/stakes}"
binary="$root/bin/stakes"

if [ -x "$binary" ] && "$binary" --version | grep -q "^stakes $version "; then
  echo "stakes $version is already in $binary"
  exit 0
fi

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) target=x86_64-unknown-linux-musl ;;
  Linux-aarch64 | Linux-arm64) target=aarch64-unknown-linux-musl ;;
  Darwin-x86_64) target=x86_64-apple-darwin ;;
  Darwin-arm64) target=aarch64-apple-darwin ;;
  *) target="" ;;
esac

if [ -z "$target" ] || [ "${STAKES_FROM_SOURCE:-}" = 1 ]; then
  echo "Compiling stakes $version with cargo (a few minutes)"
  cargo install --locked --root "$root" --version "$version" stakes
  "$binary" --version
  exit 0
fi

archive="stakes-$target.tar.gz"
url="$repo/releases/download/v$version/$archive"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
echo "Downloading $url"
curl -fsSL --retry 3 -o "$scratch/$archive" "$url"
expected="${STAKES_SHA256:-}"
if [ -z "$expected" ]; then
  expected="$(curl -fsSL --retry 3 "$url.sha256" | cut -d ' ' -f 1)"
fi
if command -v sha256sum >/dev/null; then
  actual="$(sha256sum "$scratch/$archive" | cut -d ' ' -f 1)"
else
  actual="$(shasum -a 256 "$scratch/$archive" | cut -d ' ' -f 1)"
fi
if [ "$actual" != "$expected" ]; then
  echo "error: $archive has SHA-256 $actual, expected $expected: not installed" >&2
  exit 1
fi
tar -xzf "$scratch/$archive" -C "$scratch"
mkdir -p "$root/bin"
cp "$scratch/stakes-$target/stakes" "$binary"
chmod +x "$binary"
"$binary" --version
