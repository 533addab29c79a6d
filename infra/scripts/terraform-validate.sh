#!/usr/bin/env bash
# Checks every Terraform root offline from the cloud: formatting, then init without a backend
# (downloads providers and modules, no state, no credentials) and validate.
# Usage: infra/scripts/terraform-validate.sh            (all environments)
#        infra/scripts/terraform-validate.sh dev        (one environment)
set -euo pipefail

terraform_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/../terraform" && pwd)"

terraform -chdir="$terraform_dir" fmt -check -recursive -diff

if [[ $# -gt 0 ]]; then
  environments=("$@")
else
  environments=()
  for dir in "$terraform_dir"/envs/*/; do
    environments+=("$(basename "$dir")")
  done
fi

for env in "${environments[@]}"; do
  echo "== envs/$env"
  terraform -chdir="$terraform_dir/envs/$env" init -backend=false -input=false
  terraform -chdir="$terraform_dir/envs/$env" validate
done
