namespace Selene.Power.Gpus;

/// <summary>
/// A GPU type's power states: idle draw, the board power limit at full speed, the lowest cap the driver accepts,
/// and throughput against the cap (a share of full speed at each share of full power, linear between points;
/// concave, so spreading a power budget evenly over the GPUs does the most work). GPUs a budget cannot run at
/// the lowest cap are switched off.
/// </summary>
/// <param name="Name">GPU type, as nodes label it.</param>
/// <param name="IdleWatts">Draw when on and idle.</param>
/// <param name="MaxWatts">Board power limit at full speed.</param>
/// <param name="MinCapFraction">Lowest power cap, as a share of <paramref name="MaxWatts"/>.</param>
/// <param name="ThroughputCurve">(cap share, throughput share) points, cap shares increasing to 1.</param>
public sealed record GpuPowerModel(string Name, double IdleWatts, double MaxWatts, double MinCapFraction, IReadOnlyList<(double Cap, double Throughput)> ThroughputCurve)
{
    // Throughput against power cap: Selene's assumption, of the shape power-capping studies of data-centre GPUs
    // report (most of the speed kept down to about 60% of the power limit).
    private static readonly (double, double)[] s_capCurve =
    [
        (0.3, 0.45), (0.4, 0.58), (0.5, 0.70), (0.6, 0.80), (0.7, 0.88), (0.8, 0.94), (0.9, 0.98), (1.0, 1.0),
    ];

    // Board power limits from NVIDIA's datasheets (SXM forms); idle draw about a tenth of them (Selene's assumption).
    private static readonly Dictionary<string, GpuPowerModel> s_builtIn = new(StringComparer.Ordinal)
    {
        ["H100"] = new("H100", 70, 700, 0.3, s_capCurve),
        ["H200"] = new("H200", 70, 700, 0.3, s_capCurve),
        ["B200"] = new("B200", 100, 1000, 0.3, s_capCurve),
        ["A100"] = new("A100", 50, 400, 0.3, s_capCurve),
        ["L40S"] = new("L40S", 35, 350, 0.3, s_capCurve),
    };

    /// <summary>GPU types with built-in power states.</summary>
    public static IReadOnlyCollection<string> BuiltInNames => s_builtIn.Keys;

    /// <summary>The built-in power states of <paramref name="name"/>, or null.</summary>
    public static GpuPowerModel? BuiltIn(string name) => s_builtIn.GetValueOrDefault(name);

    /// <summary>Share of full speed at a power cap of <paramref name="capFraction"/> of <see cref="MaxWatts"/>.</summary>
    public double ThroughputAt(double capFraction)
    {
        var curve = ThroughputCurve;
        if (capFraction <= curve[0].Cap)
        {
            return curve[0].Throughput * Math.Max(0, capFraction) / curve[0].Cap;
        }

        for (var i = 1; i < curve.Count; i++)
        {
            if (capFraction <= curve[i].Cap)
            {
                var (c0, t0) = curve[i - 1];
                var (c1, t1) = curve[i];
                return t0 + ((t1 - t0) * (capFraction - c0) / (c1 - c0));
            }
        }

        return curve[^1].Throughput;
    }

    /// <summary>
    /// Work done per second by <paramref name="gpus"/> GPUs sharing <paramref name="watts"/>, in GPUs at full speed:
    /// all of them at an even cap while it is at least the lowest; below that, as many as the budget runs at the
    /// lowest cap, the rest off.
    /// </summary>
    public double WorkRate(double watts, int gpus)
    {
        if (!(watts > 0) || gpus <= 0)
        {
            return 0;
        }

        var cap = Math.Min(1, watts / (gpus * MaxWatts));
        return cap >= MinCapFraction
            ? gpus * ThroughputAt(cap)
            : watts / (MinCapFraction * MaxWatts) * ThroughputAt(MinCapFraction);
    }
}
