#!/usr/bin/env bash
# Builds `clustersim` for physical hosts: one self-contained, single-file executable for linux-x64 that needs
# no .NET installed on the host. Usage: tools/publish.sh [OUTDIR]   (default: out/publish/linux-x64)
#
# Why these properties:
#   - SelfContained + RuntimeIdentifier linux-x64: the runtime travels inside the file (hosts get no SDK); the
#     RID also cuts ScottPlot's SkiaSharp/HarfBuzz natives from every platform's (~150 MB) to Linux's.
#   - PublishSingleFile: one file to copy with scp and point a systemd unit at.
#   - IncludeNativeLibrariesForSelfExtract + IncludeAllContentForSelfExtract: libSkiaSharp.so,
#     libHarfBuzzSharp.so and Fonts/DejaVuSans.ttf (figures are drawn in it, see Experiments/Plots/
#     FigureFont.cs) go inside the file too; the host extracts them on first start to
#     $DOTNET_BUNDLE_EXTRACT_BASE_DIR (default ~/.net), which the units in deploy/ point at the state folder.
#   - EnableCompressionInSingleFile: about half the size (the runtime and ASP.NET Core are most of it), for a
#     few hundred ms more at start.
#   - InvariantGlobalization is already set for the whole build (Directory.Build.props): no libicu needed.
# Restore needs the linux-x64 runtime packs from NuGet (the same feed as every other package).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-out/publish/linux-x64}"
dotnet publish Experiments/Experiments.csproj -c Release -r linux-x64 -nologo -v quiet -clp:ErrorsOnly \
  -p:SelfContained=true \
  -p:PublishSingleFile=true \
  -p:IncludeNativeLibrariesForSelfExtract=true \
  -p:IncludeAllContentForSelfExtract=true \
  -p:EnableCompressionInSingleFile=true \
  -p:DebugType=none \
  -o "$out"
# Only the executable is needed on a host; anything else publish left (none expected) is listed so it is seen.
ls -l "$out"
"$out/clustersim" --version >/dev/null
echo "built $out/clustersim ($(du -h "$out/clustersim" | cut -f1)); copy it to /usr/local/bin on each host (see README, Running on real hosts)"
