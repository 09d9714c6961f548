#!/usr/bin/env bash
# Makes the simulator's sample video and voice message: one second each, the codecs LINE
# delivers (H.264 + AAC in MP4, AAC in M4A), moov first so a player has the metadata
# after its first byte range. Committed, so neither tests nor the demo need ffmpeg;
# rerun only to change them (apt-get install ffmpeg).
set -euo pipefail
cd "$(dirname "$0")"
exact=(-map_metadata -1 -fflags +bitexact)
ffmpeg -v error -y -f lavfi -i "testsrc2=size=160x120:rate=10:duration=1" \
  -f lavfi -i "sine=frequency=440:duration=1:sample_rate=22050" \
  -c:v libx264 -profile:v baseline -pix_fmt yuv420p -preset veryslow -crf 35 -flags:v +bitexact \
  -c:a aac -b:a 24k -ac 1 -flags:a +bitexact -shortest -movflags +faststart "${exact[@]}" customer-video.mp4
ffmpeg -v error -y -f lavfi -i "sine=frequency=660:duration=1:sample_rate=22050" \
  -c:a aac -b:a 24k -ac 1 -flags:a +bitexact -movflags +faststart "${exact[@]}" customer-voice.m4a
