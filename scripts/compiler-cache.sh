# Sourced by scripts/build and scripts/sanitize. When ccache is installed (install-deps installs
# it; a build without it works too) the compiler runs through it, with paths taken relative to the
# checkout, so that a fresh clone of the same code (CI clones afresh for every run) finds its
# objects compiled.
# Sets compiler_cache, the cmake arguments; GW_NO_CCACHE=1 turns it off.
# shellcheck shell=bash
if command -v ccache >/dev/null 2>&1 && [ "${GW_NO_CCACHE:-}" != 1 ]; then
  export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$(pwd)} CCACHE_NOHASHDIR=1
  # Qt Test adds each target's folders to its flags; only QFINDTESTDATA reads them (no suite does).
  export CCACHE_IGNOREOPTIONS="${CCACHE_IGNOREOPTIONS:-} -DQT_TESTCASE_SOURCEDIR=* -DQT_TESTCASE_BUILDDIR=*"
  compiler_cache=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
else
  compiler_cache=(-DCMAKE_CXX_COMPILER_LAUNCHER=)
fi
