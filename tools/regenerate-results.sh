#!/usr/bin/env bash
# Regenerates results/reference/: the reference outputs of the bundled experiments (summary, comparison,
# differences, plots, report, run.json; the per-run CSVs under runs/ are written too but not kept in git).
# A user's own runs go to results/<name>/, which git ignores.
#   bash tools/regenerate-results.sh [experiment ...]     (default: all bundled ones but the scale runs)
set -euo pipefail
cd "$(dirname "$0")/.."
experiments=("$@")
if [ ${#experiments[@]} -eq 0 ]; then
  experiments=(quickstart weighted-shares drf-paper mmc-queue mm1-service web-autoscale asset-vs-drf slots-vs-drf multi-tenant multi-role architectures md1-scheduler google-2011 kth-swf swim-fb2009 alibaba-2018 failures oversubscription)
fi
dotnet build Experiments -c Release -nologo -v quiet -clp:ErrorsOnly
for name in "${experiments[@]}"; do
  echo "== $name"
  dotnet Experiments/bin/Release/net10.0/clustersim.dll run "experiments/$name.yaml" --out "results/reference/$name"
done
