#!/bin/bash
# The window as a clerk sees it: the real app on the demo database under Xvfb, at a
# 1366x768 laptop screen and a 1920x1080 desktop one, with a window manager when one is
# installed (openbox: the window opens maximised as on Windows), captured whole.
#
#     tools/xvfb_screens.sh            -> docs/screenshot-1366.png, docs/screenshot-1920.png
#
# Needs xvfb-run and ImageMagick's `import`; uv on PATH.
set -euo pipefail
cd "$(dirname "$0")/.."
for size in 1366x768 1920x1080; do
    data=$(mktemp -d)
    out="docs/screenshot-${size%x*}.png"
    DONDOC_DATA_DIR="$data" xvfb-run -a -s "-screen 0 ${size}x24" bash -c "
        command -v openbox >/dev/null && { openbox >/dev/null 2>&1 & sleep 1; }
        uv run --frozen dondoc --demo --db '$data/demo.db' >'$data/log' 2>&1 &
        app=\$!
        sleep \${WAIT:-12}
        import -window root '$out'
        kill \$app
    "
    rm -rf "$data"
    echo "$out"
done
