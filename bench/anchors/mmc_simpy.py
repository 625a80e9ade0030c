"""The M/M/c queue of Selene's anchor benchmark, in SimPy 2 (Debian's python3-simpy 2.3).

Usage: python3 mmc_simpy.py SERVERS UTILISATION CUSTOMERS
Prints one line: customers, events (SimPy process steps: each yield), seconds, mean wait.
Mean service is 1 s; arrivals are Poisson at rate UTILISATION * SERVERS.
"""
import random
import sys
import time

from SimPy.Simulation import Process, Resource, activate, hold, initialize, now, release, request, simulate


class Stats:
    customers = 0
    steps = 0
    wait_sum = 0.0


class Customer(Process):
    def visit(self, server, rng):
        arrived = now()
        yield request, self, server
        Stats.wait_sum += now() - arrived
        yield hold, self, rng.expovariate(1.0)
        yield release, self, server
        Stats.steps += 3
        Stats.customers += 1


class Source(Process):
    def generate(self, rate, server, rng):
        while True:
            customer = Customer()
            activate(customer, customer.visit(server, rng))
            Stats.steps += 2  # the activation and the hold below
            yield hold, self, rng.expovariate(rate)


def main():
    servers, utilisation, customers = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
    rate = utilisation * servers
    rng = random.Random(1)
    initialize()
    server = Resource(capacity=servers, monitored=False)
    source = Source()
    activate(source, source.generate(rate, server, rng))
    start = time.perf_counter()
    simulate(until=customers / rate)
    seconds = time.perf_counter() - start
    print("simpy customers=%d events=%d seconds=%.3f mean_wait=%.5f"
          % (Stats.customers, Stats.steps, seconds, Stats.wait_sum / max(Stats.customers, 1)))


if __name__ == "__main__":
    main()
