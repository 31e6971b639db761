#!/usr/bin/env bash
# Generates the Python messages and gRPC stubs into clients/python/gen from the repository's protos, with Debian's
# packages only: protobuf-compiler (protoc 3.21), protobuf-compiler-grpc (grpc_python_plugin), python3-grpcio and
# python3-protobuf to run them. `google.api` (the HTTP rules) and `google.rpc` (Status, BadRequest: the error details)
# come from third_party/googleapis. Run from anywhere: clients/python/generate.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$root/clients/python/gen"
rm -rf "$out" && mkdir -p "$out"
cd "$root"
protoc -I protos -I third_party/googleapis \
  --python_out="$out" --grpc_python_out="$out" --plugin=protoc-gen-grpc_python="$(command -v grpc_python_plugin)" \
  $(cd protos && find socialtjanst -name '*.proto' | sort) \
  google/api/annotations.proto google/api/http.proto google/rpc/status.proto google/rpc/error_details.proto
echo "generated into $out"
