#!/usr/bin/env bash
# Smoke test of the language server (`cache-warden lsp --stdio`) in a real Neovim, headless.
# Not part of `npm test`: run it by hand after changing src/server/ (needs `nvim` 0.7 or newer;
# on Debian: apt-get install -y neovim).
#
#   bash scripts/nvim-smoke.sh            # builds (node scripts/build.mjs), prints the reports
#   SKIP_BUILD=1 bash scripts/nvim-smoke.sh   # test dist/ as it is
#   KEEP=1 bash scripts/nvim-smoke.sh     # keep the temporary folder with reports and lsp.log
#
# Runs the Neovim configuration that docs/editors.md prints (the 0.7 one on Neovim 0.7, the 0.8+
# one on newer versions) through test/editors/nvim-smoke.lua on the demo workspace (examples/):
# diagnostics of services/catalog/catalog.cache.yaml, hover, completion, Go to Definition, code
# actions, a quick fix, document links; hover and completion in a doc's front matter and in a JSON
# cache config; the documented settings (CW004 off) reaching the server. It also checks that the
# README's copies of the configurations match docs/editors.md and that every Lua block there
# compiles. The files on disk are never changed.
#
#   CW_SMOKE_USE_PATH=1 bash scripts/nvim-smoke.sh   # test the cache-warden on PATH (an installed package)
set -euo pipefail

cd "$(dirname "$0")/.."
if ! command -v nvim >/dev/null 2>&1; then
  echo "nvim not found: install Neovim 0.7 or newer (Debian: apt-get install -y neovim)" >&2
  exit 2
fi
if [ "${SKIP_BUILD:-}" != 1 ] && [ "${CW_SMOKE_USE_PATH:-}" != 1 ]; then
  node scripts/build.mjs >/dev/null
fi

tmp="$(mktemp -d)"
if [ "${KEEP:-}" != 1 ]; then trap 'rm -rf "$tmp"' EXIT; fi
# Keep the user's own Neovim config, plugins and logs out of the run.
export XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" XDG_STATE_HOME="$tmp/state" XDG_CACHE_HOME="$tmp/cache"

run() { # name file lua-call [env...]
  local name="$1" file="$2" call="$3"
  shift 3
  env "$@" CW_SMOKE_OUT="$tmp/$name.txt" timeout 120 \
    nvim --headless --noplugin --cmd 'lua vim.lsp.set_log_level("info")' -u test/editors/nvim-smoke.lua "$file" \
    -c "lua $call" -c 'qa!' </dev/null
  echo "=== $name ($file)"
  cat "$tmp/$name.txt"
  echo
}

run catalog examples/services/catalog/catalog.cache.yaml 'CacheWardenSmoke()'
run front-matter examples/docs/resources/catalog-db.md 'CacheWardenSmokeFile(4, 2)'
run json examples/services/catalog/catalog-search.cache.json 'CacheWardenSmokeFile(7, 8)'
nvim07=0
if nvim --headless --clean -c 'lua if vim.lsp.start then vim.cmd("cquit 1") end' -c 'qa!' </dev/null; then nvim07=1; fi
if [ "$nvim07" = 1 ]; then
  # Why the 0.7 configuration has the workspace.configuration line: without it, no settings.
  run no-configuration-capability examples/services/catalog/catalog.cache.yaml 'CacheWardenSmoke()' CW_SMOKE_NO_CONFIGCAP=1
fi

passed=0
failed=0
check() { # description command...
  local what="$1"
  shift
  if "$@" >/dev/null 2>&1; then passed=$((passed + 1)); echo "ok   $what"; else failed=$((failed + 1)); echo "FAIL $what"; fi
}
check 'README.md and docs/editors.md show the same configurations; docs Lua compiles' bash -c "grep -q '^docs check' '$tmp/catalog.txt' && ! grep -Eq '^docs check.*(MISSING|DIFFERS|DOES NOT COMPILE)' '$tmp/catalog.txt'"
check 'diagnostics pushed for catalog.cache.yaml' grep -Eq '^diagnostics in buffer: [1-9]' "$tmp/catalog.txt"
check 'CW007 reported' grep -q '\[CW007\]' "$tmp/catalog.txt"
check 'hover documents eviction' grep -q '^#### Eviction policy' "$tmp/catalog.txt"
check 'hover on fronts.name shows the entity' grep -q 'resource:catalog-db' "$tmp/catalog.txt"
check 'definition lands in docs/resources/catalog-db.md' grep -q '^definition -> .*docs/resources/catalog-db.md' "$tmp/catalog.txt"
check 'completion offers eviction policies' grep -q 'items: noeviction, allkeys-lru' "$tmp/catalog.txt"
check 'quick fix re-checks the buffer' grep -q '^applied quick fix .*(changed' "$tmp/catalog.txt"
check 'settings changed at run time (docs snippet) take effect' grep -q '^settings change from docs/editors.md: CW003 reported before true, after false' "$tmp/catalog.txt"
check 'client stopped cleanly' grep -q '^clients stopped: true' "$tmp/catalog.txt"
check 'front matter hover' grep -q '^#### Type' "$tmp/front-matter.txt"
check 'JSON hover' grep -q '^#### Owner' "$tmp/json.txt"
check 'documented settings reach the server (CW004 off)' bash -c "! grep -q '\[CW004\]' '$tmp/catalog.txt'"
if [ "$nvim07" = 1 ]; then
  check 'Neovim 0.7 config maps K, gd, <leader>ca and sets omnifunc' grep -q '^buffer keys: K gd <leader>ca; omnifunc=v:lua.vim.lsp.omnifunc' "$tmp/catalog.txt"
  check 'without the workspace.configuration line, the settings of the Neovim 0.7 config do not reach the server' grep -q '\[CW004\]' "$tmp/no-configuration-capability.txt"
fi
if python3 -c 'import tomllib' >/dev/null 2>&1; then
  # The Helix configuration is not run (no Helix here), but it must at least be valid TOML.
  check 'Helix languages.toml blocks of docs/editors.md and README.md are valid TOML' python3 -c '
import re, sys, tomllib
for name in ("docs/editors.md", "README.md"):
    for block in re.findall(r"```toml\n(.*?)\n```", open(name).read(), re.S):
        tomllib.loads(block)
'
fi
if [ "${KEEP:-}" = 1 ]; then echo "reports and lsp.log kept in $tmp"; fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
