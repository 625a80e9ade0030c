using BenchmarkDotNet.Attributes;
using Selene.Simulation;
using Selene.Simulation.Scenarios;

namespace Selene.Benchmarks;

/// <summary>The whole twin on an M/M/c queue: customers per second through placement, queues and metrics.</summary>
[MemoryDiagnoser]
public class MultiServerQueueBenchmark
{
    private const int Customers = 200_000;

    [Params(1, 16)]
    public int Servers { get; set; }

    [Benchmark(OperationsPerInvoke = Customers)]
    public long Customer()
    {
        var scenario = QueueingScenarios.MultiServer(Servers, 0.8, 1, Customers / (0.8 * Servers), seed: 1);
        return new ScenarioSimulation(scenario).Run().Kernel.Events;
    }
}
