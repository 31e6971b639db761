#!/usr/bin/env bash
# The production run on this machine: renders deploy/kubernetes/overlays/ci and starts it as a cluster would (a
# network namespace per pod, the manifests' commands, environment, Secrets, volumes and probes), on a local
# PostgreSQL, with node-oidc-provider over HTTPS issuing every token; then runs the scenarios of
# tests/Deployment.Tests (calls through every Service, a catalog write across replicas, a Catalog outage, a rolling
# restart under write load, a setting removed). Needs root (network namespaces), Debian's postgresql and kubectl,
# and node. SOCIALTJANST_KEEP_CLUSTER_LOGS=1 keeps every pod's log under /var/tmp/socialtjanst-cluster-*.
set -euo pipefail
cd "$(dirname "$0")/../.."
SOCIALTJANST_TEST_POSTGRES="$(tools/postgres/start.sh)"
export SOCIALTJANST_TEST_POSTGRES
(cd tests/OidcProvider && npm ci --no-audit --no-fund --silent)
dotnet build tests/Deployment.Tests -c Release
dotnet test tests/Deployment.Tests -c Release --no-build --logger "console;verbosity=detailed"
