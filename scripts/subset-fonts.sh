#!/usr/bin/env bash
# Rebuilds the web fonts app/fonts/*-web.woff2 from the TTFs beside them. Run by hand when a TTF
# changes; the outputs are committed, so neither setup nor CI needs this (or fontTools).
#
# The TTFs stay: the PDF report embeds them (lib/report/pdf.tsx). The browser gets a WOFF2 cut down to
# Latin text plus the punctuation, arrows, maths signs, box drawing, shapes and check marks the pages
# print (→ ≥ ✓ ✗ • …); characters outside it (say Greek or Cyrillic in a resource name) fall back to
# the system fonts listed after it in app/globals.css.
#
# Needs fontTools with Brotli: `apt-get install python3-fonttools python3-brotli` (Debian) or
# `pip install fonttools brotli`.
set -euo pipefail
cd "$(dirname "$0")/../app/fonts"

UNICODES="U+0000-017F,U+0192,U+0218-021B,U+02BB-02BC,U+02C6-02DD,U+0300-036F,U+2000-206F,U+20A0-20CF,\
U+2100-214F,U+2190-21FF,U+2200-22FF,U+2300-23FF,U+2460-24FF,U+2500-25FF,U+2713-2718,U+FB00-FB06,U+FFFD"

for font in DejaVuSans DejaVuSans-Bold; do
  python3 -m fontTools.subset "$font.ttf" --unicodes="$UNICODES" --flavor=woff2 \
    --drop-tables+=FFTM --output-file="$font-web.woff2"
  echo "$font.ttf $(wc -c <"$font.ttf") bytes → $font-web.woff2 $(wc -c <"$font-web.woff2") bytes"
done
