using BenchmarkDotNet.Attributes;
using Selene.Simulation.Kernel;
using Selene.Simulation.Randomness;

namespace Selene.Benchmarks;

/// <summary>
/// The classic hold model (Vaucher and Duval, 1975): with N events pending, each step takes the earliest
/// event and schedules a new one an exponential time later, so the queue stays at N. Reports the cost of
/// one hold; events per second is its inverse.
/// </summary>
[MemoryDiagnoser]
public class HoldModelBenchmark
{
    private const int HoldsPerInvoke = 1_000_000;

    private SimulationKernel _kernel = null!;

    [Params(1_000, 10_000, 100_000, 1_000_000)]
    public int Pending { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _kernel = HoldModel.Create(Pending, seed: 1);
        HoldModel.Run(_kernel, Pending * 2L); // reach the steady-state distribution of event times
    }

    [Benchmark(OperationsPerInvoke = HoldsPerInvoke)]
    public void Hold() => HoldModel.Run(_kernel, HoldsPerInvoke);
}

/// <summary>The hold model itself, shared by the benchmark and the quick command-line measurement.</summary>
public sealed class HoldModel : IEventTarget
{
    private readonly SimulationKernel _kernel;
    private readonly RandomSource _random;

    private HoldModel(SimulationKernel kernel, RandomSource random)
    {
        _kernel = kernel;
        _random = random;
    }

    public static SimulationKernel Create(int pending, ulong seed)
    {
        var kernel = new SimulationKernel();
        var model = new HoldModel(kernel, new RandomSource(seed));
        for (var i = 0; i < pending; i++)
        {
            kernel.Schedule(model.Increment(), model);
        }

        return kernel;
    }

    public static void Run(SimulationKernel kernel, long holds) => kernel.Run(maxEvents: holds);

    public void Handle(object? state) => _kernel.Schedule(Increment(), this);

    private double Increment() => _random.NextStandardExponential();
}
