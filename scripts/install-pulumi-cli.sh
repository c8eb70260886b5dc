#!/usr/bin/env bash
# install-pulumi-cli.sh: make a working Pulumi CLI available on this machine.
#
# Contract
#   * Progress messages go to stderr.
#   * The LAST line written to stdout is the folder that holds `pulumi`
#     (put it on PATH, or pass its parent to the Automation API's
#     `PulumiCommand.get({ root })`, which expects `<root>/bin/pulumi`).
#
# Strategy
#   1. A `pulumi` already on PATH whose `pulumi version` works wins.
#   2. Otherwise use (or build) a cached CLI in
#        ${PULUMI_CLI_CACHE:-$HOME/.cache/chatapp-isv/pulumi-cli}/v<version>/bin
#      containing
#        pulumi                         the CLI, built from Go modules
#        pulumi-language-nodejs         Node.js language host (see below)
#        pulumi-language-yaml           Pulumi YAML language host (pulumi-yaml v1.25.0)
#        pulumi-resource-pulumi-nodejs  the dynamic-provider launcher
#      and, in the sibling folder codegen/ (never on PATH by default),
#        pulumi-language-python         code generation only (see below)
#
# Why a wrapper module: the go.mod files of Pulumi's own modules carry
# `replace ../sdk`-style directives, so `go install <pkg>@<version>` refuses to
# build them. A throwaway main module that requires pkg/v3 + sdk/v3 (and copies
# the one non-local replace) builds the same code. Nothing here is committed as
# a Go module; go.mod is written into a scratch folder at run time.
#
# Node.js language host: upstream keeps it in an untagged module
# (github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3), which can
# only be fetched by pseudo-version. Set PULUMI_LANGUAGE_NODEJS_VERSION to such
# a pseudo-version (the one of the release commit) to build the upstream host.
# When it is unset or cannot be downloaded, the script builds a small host of
# its own, copied from scripts/pulumi-language-host/, that implements what
# `pulumi up/preview/destroy/refresh` need for directory projects (it runs the
# program through @pulumi/pulumi's own `cmd/run` entry point, as the upstream
# host does) and `pulumi package gen-sdk --language nodejs` (Pulumi's own
# pkg/v3/codegen/nodejs). Programs run through the Automation API with an
# inline program need no language host at all.
#
# YAML language host: github.com/pulumi/pulumi-yaml has no replace directives,
# so it is built with `go install` at its own module requirements (it does not
# compile against pkg/v3 v3.276.0). Set PULUMI_YAML_VERSION to change it.
#
# Python: upstream's pulumi-language-python module is refused by the module
# proxy at every version tried (the release tag and pseudo-versions at a
# release commit), so Python programs cannot run here. codegen/ holds a
# stand-in, copied from scripts/pulumi-codegen-python/, that implements only
# GeneratePackage with Pulumi's pkg/v3/codegen/python, enough for
# `pulumi package gen-sdk --language python` when codegen/ is put on PATH.
#
# Environment
#   PULUMI_CLI_VERSION              Pulumi release to build (default below)
#   PULUMI_CLI_CACHE                cache root (default $HOME/.cache/chatapp-isv/pulumi-cli)
#   PULUMI_CLI_FORCE_BUILD=1        ignore any `pulumi` on PATH (still uses the cache)
#   PULUMI_CLI_REBUILD=1            ignore the cache entry and build again
#   PULUMI_LANGUAGE_NODEJS_VERSION  Go (pseudo-)version of the upstream language host
#   PULUMI_CLI_SHIM_FROM_NPM=1      copy the launcher from the repo's @pulumi/pulumi
#                                   instead of writing our own equivalent
#   PULUMI_YAML_VERSION             pulumi-yaml release for pulumi-language-yaml (default v1.25.0)
#
# Requirements for building: `go` >= the go directive of pulumi's pkg module
# (1.26.6 for 3.276.0) and access to the Go module proxy. A first build from
# empty caches measured about 7 CPU-minutes of compiling (about 4 minutes on two
# idle cores) and 4 GB of Go module and build caches; every build records its
# duration in BUILD-INFO (build_seconds).

set -euo pipefail

DEFAULT_VERSION="3.276.0"
CLIPBOARD_REPLACE="github.com/atotto/clipboard => github.com/tgummerer/clipboard v0.0.0-20241001131231-d02d263e614e"
PKG_MOD="github.com/pulumi/pulumi/pkg/v3"
SDK_MOD="github.com/pulumi/pulumi/sdk/v3"
HOST_MOD="github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3"
YAML_MOD="github.com/pulumi/pulumi-yaml"
YAML_VERSION="${PULUMI_YAML_VERSION:-v1.25.0}"
# Bump when what the cache entry holds changes, so older entries are rebuilt.
LAYOUT="2"

log() { printf '[install-pulumi-cli] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$script_dir/.." && pwd)"

# --- 1. an existing CLI on PATH ------------------------------------------------
if [[ "${PULUMI_CLI_FORCE_BUILD:-}" != "1" ]]; then
  if existing="$(command -v pulumi 2>/dev/null)" && [[ -n "$existing" ]]; then
    if existing_version="$("$existing" version 2>/dev/null)"; then
      log "using pulumi ${existing_version} found on PATH at ${existing}"
      dirname "$existing"
      exit 0
    fi
    log "ignoring ${existing}: 'pulumi version' failed"
  fi
fi

# --- 2. the cache ---------------------------------------------------------------
version="${PULUMI_CLI_VERSION:-$DEFAULT_VERSION}"
version="${version#v}"
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.+-]+)?$ ]] \
  || die "PULUMI_CLI_VERSION '${version}' is not a semantic version"

cache_root="${PULUMI_CLI_CACHE:-$HOME/.cache/chatapp-isv/pulumi-cli}"
dest="${cache_root}/v${version}"
bin_dir="${dest}/bin"

cache_is_complete() {
  [[ -f "${dest}/.complete" && -x "${bin_dir}/pulumi" \
     && -x "${bin_dir}/pulumi-resource-pulumi-nodejs" \
     && -x "${bin_dir}/pulumi-language-yaml" \
     && -x "${dest}/codegen/pulumi-language-python" ]] \
    && grep -qx "layout=${LAYOUT}" "${dest}/BUILD-INFO" 2>/dev/null
}

if [[ "${PULUMI_CLI_REBUILD:-}" != "1" ]] && cache_is_complete; then
  log "cache hit: pulumi v${version} in ${bin_dir}"
  printf '%s\n' "$bin_dir"
  exit 0
fi

# --- 3. build -----------------------------------------------------------------
command -v go >/dev/null 2>&1 || die "no pulumi on PATH and no 'go' toolchain to build one"
mkdir -p "$cache_root"

# One builder per version at a time; others wait and then reuse its result.
lock_file="${cache_root}/.lock-v${version}"
if command -v flock >/dev/null 2>&1; then
  exec 9>"$lock_file"
  if ! flock -n 9; then
    log "another process is building pulumi v${version}; waiting for it"
    flock 9
  fi
  if [[ "${PULUMI_CLI_REBUILD:-}" != "1" ]] && cache_is_complete; then
    log "cache hit after waiting: pulumi v${version} in ${bin_dir}"
    printf '%s\n' "$bin_dir"
    exit 0
  fi
  # Holding the lock, any scratch folder of this version is left over from a
  # build that was killed.
  rm -rf "${cache_root}/.build-v${version}."*
fi

work="$(mktemp -d "${cache_root}/.build-v${version}.XXXXXX")"
cleanup() { rm -rf "$work"; }
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

# Keep the build independent of whatever Go workspace or flags surround us.
# CGO off gives a static binary like Pulumi's release builds.
export GOWORK=off
export CGO_ENABLED="${CGO_ENABLED:-0}"

started=$(date +%s)
log "building pulumi v${version} with $(go version) in ${work}"

# Is the release served by the module proxy at all?
check_served() {
  local mod="$1" ver="$2" out
  out="$(cd "$work" && go mod download -json "${mod}@${ver}" 2>&1 || true)"
  if grep -q '"Error"' <<<"$out" || ! grep -q '"Sum"' <<<"$out"; then
    log "cannot download ${mod}@${ver}:"
    printf '%s\n' "$out" | sed 's/^/    /' >&2
    return 1
  fi
}
check_served "$PKG_MOD" "v${version}" \
  || die "pulumi v${version} is not available; try PULUMI_CLI_VERSION=<another release>"
check_served "$SDK_MOD" "v${version}" || die "sdk v${version} is not available"

host_kind="builtin"
host_version="${PULUMI_LANGUAGE_NODEJS_VERSION:-}"
if [[ -n "$host_version" ]]; then
  if check_served "$HOST_MOD" "$host_version"; then
    host_kind="upstream"
  else
    log "falling back to the built-in Node.js language host"
  fi
else
  log "PULUMI_LANGUAGE_NODEJS_VERSION unset: using the built-in Node.js language host"
fi

# The wrapper module. Required Go version: the one pulumi's pkg module declares.
pkg_gomod="$(cd "$work" && go mod download -json "${PKG_MOD}@v${version}" | sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",*$/\1/p')"
go_directive="$(sed -n 's/^go \([0-9.]*\).*/\1/p' "$pkg_gomod" | head -n1)"
[[ -n "$go_directive" ]] || go_directive="1.24"

mod_dir="${work}/mod"
mkdir -p "$mod_dir"
{
  printf 'module pulumiclibuild.invalid/wrapper\n\n'
  printf 'go %s\n\n' "$go_directive"
  printf 'require (\n'
  printf '\t%s v%s\n' "$PKG_MOD" "$version"
  printf '\t%s v%s\n' "$SDK_MOD" "$version"
  if [[ "$host_kind" == "upstream" ]]; then
    printf '\t%s %s\n' "$HOST_MOD" "$host_version"
  fi
  printf ')\n\n'
  # Only the non-local replace from pulumi's own go.mod is meaningful here.
  printf 'replace %s\n\n' "$CLIPBOARD_REPLACE"
  printf 'tool %s/cmd/pulumi\n' "$PKG_MOD"
  if [[ "$host_kind" == "upstream" ]]; then
    printf 'tool %s\n' "$HOST_MOD"
  fi
} >"${mod_dir}/go.mod"

host_pkg="${HOST_MOD}"
if [[ "$host_kind" == "builtin" ]]; then
  host_pkg="./pulumi-language-nodejs"
  mkdir -p "${mod_dir}/pulumi-language-nodejs"
  cp "${script_dir}"/pulumi-language-host/*.go "${mod_dir}/pulumi-language-nodejs/"
fi
mkdir -p "${mod_dir}/pulumi-language-python"
cp "${script_dir}"/pulumi-codegen-python/*.go "${mod_dir}/pulumi-language-python/"

log "resolving module graph (go mod tidy)"
(cd "$mod_dir" && go mod tidy) >&2 || die "go mod tidy failed in ${mod_dir}"

stage="${work}/stage"
mkdir -p "${stage}/bin"
ldflags="-s -w -X ${SDK_MOD}/go/common/version.Version=v${version}"
log "compiling pulumi and pulumi-language-nodejs (${host_kind}); this takes a while"
(cd "$mod_dir" && go build -trimpath -tags osusergo,grpcnotrace -ldflags "$ldflags" \
  -o "${stage}/bin/" "${PKG_MOD}/cmd/pulumi" "$host_pkg") >&2 || die "go build failed"
[[ -x "${stage}/bin/pulumi" && -x "${stage}/bin/pulumi-language-nodejs" ]] \
  || die "go build produced no binaries in ${stage}/bin"
mkdir -p "${stage}/codegen"
(cd "$mod_dir" && go build -trimpath -tags osusergo,grpcnotrace -ldflags "$ldflags" \
  -o "${stage}/codegen/" ./pulumi-language-python) >&2 || die "go build of the Python code generator failed"

log "compiling pulumi-language-yaml ${YAML_VERSION}"
(cd "$work" && GOBIN="${stage}/bin" go install -trimpath -tags osusergo,grpcnotrace \
  -ldflags "-s -w -X ${YAML_MOD}/pkg/version.Version=${YAML_VERSION}" \
  "${YAML_MOD}/cmd/pulumi-language-yaml@${YAML_VERSION}") >&2 || die "go install of pulumi-language-yaml failed"

# --- 4. the dynamic-provider launcher -----------------------------------------
# The engine looks for pulumi-resource-pulumi-nodejs next to the pulumi binary.
shim="${stage}/bin/pulumi-resource-pulumi-nodejs"
shim_source=""
if [[ "${PULUMI_CLI_SHIM_FROM_NPM:-}" == "1" ]]; then
  for candidate in "${repo_root}/node_modules/@pulumi/pulumi" \
                   "${repo_root}"/node_modules/.pnpm/@pulumi+pulumi@*/node_modules/@pulumi/pulumi \
                   "${repo_root}"/packages/*/node_modules/@pulumi/pulumi; do
    if [[ -f "${candidate}/pulumi-resource-pulumi-nodejs" ]]; then
      shim_source="${candidate}/pulumi-resource-pulumi-nodejs"
      break
    fi
  done
fi
if [[ -n "$shim_source" ]]; then
  log "copying the dynamic-provider launcher from ${shim_source}"
  cp "$shim_source" "$shim"
else
  # Our own equivalent of the launcher shipped in @pulumi/pulumi: find the
  # dynamic-provider entry point as seen from the current directory (the
  # engine starts providers in the project folder) and hand over to node.
  cat >"$shim" <<'SH'
#!/bin/sh
# Launcher for Pulumi's Node.js dynamic-provider host (pulumi-nodejs plugin).
# Written by scripts/install-pulumi-cli.sh.
entry=$(node -e "console.log(require.resolve('@pulumi/pulumi/cmd/dynamic-provider'))") || exit 1
if [ -z "$entry" ]; then
  echo "pulumi-resource-pulumi-nodejs: @pulumi/pulumi is not resolvable from $(pwd)" >&2
  exit 1
fi
exec node "$entry" "$@"
SH
fi
chmod 0755 "$shim"

# --- 5. verify, then publish atomically -----------------------------------------
reported="$("${stage}/bin/pulumi" version 2>/dev/null || true)"
[[ "$reported" == "v${version}" ]] \
  || die "built pulumi reports version '${reported}', expected 'v${version}'"

{
  printf 'layout=%s\n' "$LAYOUT"
  printf 'version=v%s\n' "$version"
  if [[ "$host_kind" == "upstream" ]]; then
    printf 'language_host=upstream %s\n' "$host_version"
  else
    printf 'language_host=builtin%s\n' "${host_version:+ (requested ${host_version} was not available)}"
  fi
  printf 'language_yaml=%s\n' "$YAML_VERSION"
  printf 'go=%s\n' "$(go env GOVERSION)"
  printf 'build_seconds=%s\n' "$(( $(date +%s) - started ))"
  printf 'built_at=%s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
} >"${stage}/BUILD-INFO"
touch "${stage}/.complete"

if [[ -e "$dest" ]]; then
  # Only an incomplete or explicitly rebuilt entry gets here (we hold the lock).
  old="${work}/old"
  mv "$dest" "$old"
fi
if ! mv -T "$stage" "$dest" 2>/dev/null; then
  cache_is_complete || die "could not move the build into ${dest}"
  log "another process published ${dest} first; using it"
fi

log "done in $(( $(date +%s) - started ))s: $(du -sh "$dest" | cut -f1) in ${dest}"
printf '%s\n' "$bin_dir"
