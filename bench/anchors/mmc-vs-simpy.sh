#!/usr/bin/env bash
# Runs the same M/M/c queue in SimPy (Debian's python3-simpy) and in Selene, one after the other in this
# command, and prints both rates and their ratio. Rates, not times, because the machine is shared.
#
#   bench/anchors/mmc-vs-simpy.sh [SERVERS] [UTILISATION] [SIMPY_CUSTOMERS] [SELENE_CUSTOMERS]
#
# SimPy is given fewer customers than Selene so both runs take seconds; rates are per customer and per event.
set -euo pipefail
cd "$(dirname "$0")/../.."

servers=${1:-4}
utilisation=${2:-0.8}
simpy_customers=${3:-200000}
selene_customers=${4:-20000000}

if ! /usr/bin/python3 -c 'import SimPy' 2>/dev/null; then
  echo "installing python3-simpy (Debian) ..." >&2
  (apt-get install -y python3-simpy || (apt-get update && apt-get install -y python3-simpy)) >/dev/null
fi

dotnet build -c Release bench/Selene.Benchmarks -v:q -nologo >/dev/null
selene_dll=bench/Selene.Benchmarks/bin/Release/net10.0/Selene.Benchmarks.dll

simpy=$(/usr/bin/python3 bench/anchors/mmc_simpy.py "$servers" "$utilisation" "$simpy_customers")
selene=$(dotnet "$selene_dll" mmc "$servers" "$utilisation" "$selene_customers")
echo "$simpy"
echo "$selene"

field() { sed -E "s/.*\b$1=([0-9.]+).*/\1/" <<<"$2"; }
awk -v sc="$(field customers "$simpy")" -v se="$(field events "$simpy")" -v ss="$(field seconds "$simpy")" \
    -v nc="$(field customers "$selene")" -v ne="$(field events "$selene")" -v ns="$(field seconds "$selene")" \
    -v c="$servers" -v rho="$utilisation" 'BEGIN {
  printf "M/M/%d at rho=%s\n", c, rho
  printf "SimPy : %12.0f customers/s  %12.0f events/s (process steps)\n", sc/ss, se/ss
  printf "Selene: %12.0f customers/s  %12.0f events/s (kernel events)\n", nc/ns, ne/ns
  printf "ratio (Selene/SimPy): %.1fx customers/s, %.1fx events/s\n", (nc/ns)/(sc/ss), (ne/ns)/(se/ss)
}'
