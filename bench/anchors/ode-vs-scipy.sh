#!/usr/bin/env bash
# Runs Selene.Ode and SciPy's solve_ivp (Debian's python3-scipy) on the built-in problems (non-stiff: dopri5, tsit5 and
# dop853 against RK45 and DOP853; stiff: rodas4 and bdf against Radau, BDF and LSODA), one after the other in this
# command, and prints both wall times, the ratio, both errors against the reference and both RHS counts. Times are the
# best of several solves on each side.
#
#   bench/anchors/ode-vs-scipy.sh [RTOL] [STIFF_RTOL]    (defaults 1e-8 and 1e-6; atol = rtol × 1e-4 for stiff)
set -euo pipefail
cd "$(dirname "$0")/../.."
rtol=${1:-1e-8}
stiff_rtol=${2:-1e-6}
stiff_atol=$(awk -v r="$stiff_rtol" 'BEGIN { printf "%.3g", r * 1e-4 }')

if ! /usr/bin/python3 -c 'import scipy' 2>/dev/null; then
  echo "installing python3-scipy (Debian) ..." >&2
  (apt-get install -y python3-scipy || (apt-get update && apt-get install -y python3-scipy)) >/dev/null
fi

dotnet build -c Release bench/Selene.Benchmarks -v:q -nologo >/dev/null
selene_dll=bench/Selene.Benchmarks/bin/Release/net10.0/Selene.Benchmarks.dll
field() { sed -E "s/.*\b$1=([^ ]+).*/\1/" <<<"$2"; }

# compare PROBLEM SELENE_METHOD SCIPY_METHOD RTOL ATOL: one row, both sides timed in this command. SciPy runs at
# RTOL/ATOL; Selene runs at the loosest tolerance on the ladder 10×, 3×, 1×, 0.3×, 0.1×, 0.03×, 0.01× of them whose
# error is no larger than SciPy's, so the ratio compares equal accuracy (a work-precision point), not equal settings.
compare() {
  local s p ss ps factor r a
  p=$(/usr/bin/python3 bench/anchors/ode_scipy.py "$1" "$3" "$4" "$5")
  for factor in 10 3 1 0.3 0.1 0.03 0.01; do
    r=$(awk -v x="$4" -v f="$factor" 'BEGIN { printf "%.3g", x * f }')
    a=$(awk -v x="$5" -v f="$factor" 'BEGIN { printf "%.3g", x * f }')
    s=$(dotnet "$selene_dll" ode "$1" "$2" "$r" "$a")
    if awk -v e="$(field error "$s")" -v q="$(field error "$p")" 'BEGIN { exit !(e <= q) }'; then break; fi
  done
  ss=$(field seconds "$s"); ps=$(field seconds "$p")
  printf "%-15s %-8s %8s %12s %10s %8s | %-7s %12s %10s %8s | %8.0fx\n" "$1" "$2" "$r" "$ss" "$(field error "$s")" "$(field rhs "$s")" \
    "$3" "$ps" "$(field error "$p")" "$(field rhs "$p")" "$(awk -v a="$ps" -v b="$ss" 'BEGIN { print a / b }')"
}

printf "%-15s %-8s %8s %12s %10s %8s | %-7s %12s %10s %8s | %9s\n" problem selene rtol seconds error rhs scipy seconds error rhs "ratio"
for problem in lotka-volterra arenstorf pleiades; do
  for pair in "dopri5 RK45" "tsit5 RK45" "dop853 DOP853"; do
    compare "$problem" $pair "$rtol" "$rtol"
  done
done
for problem in rober hires vdpol orego; do
  for pair in "rodas4 Radau" "rodas4 LSODA" "bdf BDF" "bdf LSODA"; do
    compare "$problem" $pair "$stiff_rtol" "$stiff_atol"
  done
done
