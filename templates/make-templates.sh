#!/bin/sh
# Writes templates/<slug>/ for every shipped region config: the XLSForms and the
# LimeSurvey structure made from the codebook (bin/durchblick-templates).
# Run after changing the codebook or a config's municipalities; commit the output.
set -eu
cd "$(dirname "$0")/.."
for cfg in config/*.ini; do
    slug=$(basename "$cfg" .ini)
    bin/durchblick-templates --config "$cfg" --out "templates/$slug"
done
