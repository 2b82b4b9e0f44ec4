#!/usr/bin/env bash
# Regenerates the static protobuf code from proto/. The output is committed;
# run this (npm run gen:proto) after changing a .proto file.
set -euo pipefail
cd "$(dirname "$0")/.."
out=src/protocol/generated
mkdir -p "$out"
npx pbjs -t static-module -w es6 --force-number --no-verify --no-convert --no-delimited --no-service \
  -o "$out/oddsgate.js" proto/oddsgate/v1/oddsgate.proto
sed -i 's#import \* as \$protobuf from "protobufjs/minimal";#import \$protobuf from "protobufjs/minimal.js";#' "$out/oddsgate.js"
npx pbts --no-comments -o "$out/oddsgate.d.ts" "$out/oddsgate.js"
