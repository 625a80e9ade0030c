using Selene.Serving.Hardware;
using Selene.Serving.Models;
using Selene.Serving.Performance;

namespace Selene.Serving.Calibration;

/// <summary>
/// Fits an engine profile to measured steps: per GPU type its compute and memory efficiencies, and the engine's
/// own costs (step overhead, per-sequence cost, attention efficiency) shared by every GPU, by least squares on
/// the logarithm of predicted over measured time (Nelder–Mead, restarted from its result until it settles).
/// </summary>
public static class EfficiencyFit
{
    private const int Shared = 3;

    // No engine reaches every FLOP or byte a data sheet promises; efficiencies are kept at or below this share.
    private const double Ceiling = 0.8;

    // One engine's kernels reach similar shares of peak on every GPU type: a weak pull of the per-type efficiencies
    // towards each other settles what the measurements alone leave open (a constant per step could be bandwidth
    // not reached or all-reduce latency), without overriding what they do say.
    private const double Shrinkage = 0.05;

    /// <summary>Fits a profile named <paramref name="name"/> on <paramref name="rows"/>.</summary>
    public static EngineProfile Fit(string name, IReadOnlyList<MeasuredStep> rows, IReadOnlyDictionary<string, string> borrowed, string source)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var gpus = rows.Select(r => r.Gpu).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

        // Parameters: logit of each efficiency, log of each cost in seconds.
        EngineProfile Profile(double[] x)
        {
            var efficiencies = gpus.Select((g, i) => (g, new Efficiency(Ceiling * Logistic(x[Shared + (2 * i)]), Ceiling * Logistic(x[Shared + 1 + (2 * i)]))))
                .ToDictionary(p => p.g, p => p.Item2, StringComparer.Ordinal);
            return new EngineProfile(name, Math.Exp(x[0]), Math.Exp(x[1]), Ceiling * Logistic(x[2]), efficiencies, borrowed, source);
        }

        double Loss(double[] x)
        {
            var profile = Profile(x);
            var misfit = rows.Sum(r => Math.Pow(Math.Log(Predict(profile, r) / r.Seconds), 2));
            return misfit + (Shrinkage * (Spread(profile.Efficiencies.Values.Select(e => e.Compute)) + Spread(profile.Efficiencies.Values.Select(e => e.Memory))));
        }

        var start = new List<double> { Math.Log(5e-3), Math.Log(1e-4), Logit(0.3 / Ceiling) };
        foreach (var _ in gpus)
        {
            start.Add(Logit(0.4 / Ceiling));
            start.Add(Logit(0.5 / Ceiling));
        }

        var best = start.ToArray();
        for (var restart = 0; restart < 8; restart++)
        {
            best = NelderMead.Minimise(Loss, best, 0.5, 4000);
        }

        return Profile(best);
    }

    /// <summary>The step time <paramref name="profile"/> predicts for <paramref name="row"/>'s configuration.</summary>
    public static double Predict(EngineProfile profile, MeasuredStep row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var model = new StepTimeModel(ModelTable.Find(row.Model)!, GpuTable.Find(row.Gpu)!, row.TensorParallel, WeightType.Bf16, profile);
        return model.Seconds(row.Shape);
    }

    // Σ (ln η − mean ln η)² over the GPU types.
    private static double Spread(IEnumerable<double> efficiencies)
    {
        var logs = efficiencies.Select(e => Math.Log(e)).ToArray();
        var mean = logs.Average();
        return logs.Sum(l => (l - mean) * (l - mean));
    }

    private static double Logistic(double x) => 1 / (1 + Math.Exp(-x));

    private static double Logit(double p) => Math.Log(p / (1 - p));
}
