#!/usr/bin/env bash
# The one command that runs every test: sets up what the tests need, then runs all NUnit projects.
#   bash tools/test.sh [extra dotnet test arguments]
# What it sets up: a Docker engine and the small local image the live-mode tests use (tools/setup-docker.sh;
# it installs Docker with apt when missing and this runs as root), Debian's chromium for the web UI's
# browser tests (tools/setup-browser.sh), etcd for the leadership tests (tools/setup-etcd.sh), a one-node
# Slurm for the `clustersim slurm` tests (tools/setup-slurm.sh) and python3 for the example framework's test.
# Without root, Docker, chromium, etcd, Slurm or python3 those tests are skipped with a reason, except under
# CI=true, where they fail.
set -uo pipefail
cd "$(dirname "$0")/.."

if [ -x tools/setup-docker.sh ] || [ -f tools/setup-docker.sh ]; then
  if [ "$(id -u)" = "0" ] || [ "${CI:-}" = "true" ]; then
    bash tools/setup-docker.sh || echo "test.sh: Docker setup failed; the live tests will say why" >&2
  fi
fi
if [ "$(id -u)" = "0" ] || [ "${CI:-}" = "true" ]; then
  bash tools/setup-etcd.sh || echo "test.sh: etcd setup failed; the leadership tests will say why" >&2
fi
if [ "$(id -u)" = "0" ] || [ "${CI:-}" = "true" ]; then
  bash tools/setup-slurm.sh || echo "test.sh: Slurm setup failed; the Slurm tests will say why" >&2
fi
if [ -f tools/setup-browser.sh ]; then
  if [ "$(id -u)" = "0" ] || [ "${CI:-}" = "true" ]; then
    bash tools/setup-browser.sh || echo "test.sh: browser setup failed; the web UI tests will say why" >&2
  fi
fi

# The example Python framework's test (tests/RealAgent.Tests/Live/PythonFrameworkTests.cs) runs python3
# from PATH; as root, install Debian's when it is missing (waiting for the dpkg lock, as setup-docker.sh does).
if ! command -v python3 >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
  { apt-get -o DPkg::Lock::Timeout=600 update -q >/dev/null &&
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends python3 >/dev/null; } ||
    echo "test.sh: installing python3 failed; the Python framework tests will say why" >&2
fi

# One build, then the test projects in turn so that their results stay separate and readable.
dotnet build ClusterSim.sln -c Release -nologo -v quiet -clp:ErrorsOnly || exit 1
status=0
for project in tests/*/*.csproj; do
  dotnet test "$project" -c Release --no-build -nologo "$@" || status=1
done
exit $status
