using BenchmarkDotNet.Attributes;
using Selene.Astro.Bodies;

namespace Selene.Benchmarks;

/// <summary>Geocentric Moon positions (Meeus 47, both tables) per second, ecliptic and in EME2000.</summary>
[MemoryDiagnoser]
public class MoonPositionBenchmark
{
    private const int PositionsPerInvoke = 10_000;

    [Benchmark(OperationsPerInvoke = PositionsPerInvoke)]
    public double Ecliptic()
    {
        var sum = 0.0;
        for (var i = 0; i < PositionsPerInvoke; i++)
        {
            sum += Moon.Ecliptic(0.27 + (i * 1e-9)).DistanceKm;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = PositionsPerInvoke)]
    public double GeocentricJ2000()
    {
        var sum = 0.0;
        for (var i = 0; i < PositionsPerInvoke; i++)
        {
            sum += Moon.GeocentricJ2000(0.27 + (i * 1e-9)).X;
        }

        return sum;
    }
}
