#!/usr/bin/env bash
# The run step of action.yml (also what its test runs): `paycert run` from the action's inputs, which arrive as
# INPUT_* variables (never pasted into the script, so an input cannot inject shell). paycert itself writes the job
# summary and the annotations (it sees GITHUB_ACTIONS=true); this step records the exit code and the artifact name
# and always succeeds, so the report is uploaded before the last step fails the job with paycert's own code.
set -uo pipefail

gateway="${INPUT_GATEWAY:-all}"
report_dir="${INPUT_REPORT_DIR:-reports}"
args=(run "$gateway" --report-dir "$report_dir")
if [ -n "${INPUT_BASE_URL:-}" ]; then args+=(--base-url "$INPUT_BASE_URL"); fi
if [ -n "${INPUT_SHARD:-}" ]; then args+=(--shard "$INPUT_SHARD"); fi
if [ -n "${INPUT_CONFIG:-}" ]; then args+=(--config "$INPUT_CONFIG"); fi
# Extra flags are split on white space, without glob expansion (so --only 'LP-QO-*' reaches paycert as written).
set -f
# shellcheck disable=SC2206
extra=(${INPUT_ARGS:-})
# shellcheck disable=SC2206
bin=(${PAYCERT_BIN:-paycert})
set +f

"${bin[@]}" "${args[@]}" "${extra[@]}"
code=$?

shard="${INPUT_SHARD:-}"
artifact="paycert-${gateway}${shard:+-shard-${shard//\//-of-}}"
{
  echo "exit-code=$code"
  echo "report-dir=$report_dir"
  echo "artifact=$artifact"
} >> "${GITHUB_OUTPUT:-/dev/null}"
exit 0
