using Selene.Simulation.Faults;
using Selene.Simulation.Metrics;
using Selene.Simulation.Model;

namespace Selene.Simulation.Analysis;

/// <summary>
/// Recovery as the users feel it: for each fault and each interactive tenant, the time from the fault until the
/// tenant's goodput over a <see cref="WindowMinutes"/>-minute window is back within one point of its goodput over the
/// hour before the fault, read from goodput by the minute (so to the minute). A fault after which the first window
/// already meets that level was not felt. Faults are grouped by class (upset, node loss, link outage, …) beside the
/// control plane's own figure (every workload back at its replicas).
/// </summary>
internal static class FeltRecovery
{
    /// <summary>Minutes of goodput each check looks at.</summary>
    public const int WindowMinutes = 5;

    /// <summary>Minutes before a fault that set the level to come back to.</summary>
    public const int BaselineMinutes = 60;

    /// <summary>How far after a fault recovery is looked for before the fault counts as unrecovered.</summary>
    public const int HorizonMinutes = 24 * 60;

    /// <summary>The felt recovery per fault class, over the interactive tenants.</summary>
    public static IReadOnlyList<FeltRecoveryMetrics> Of(IReadOnlyList<CosmicEvent> faults, IReadOnlyList<TenantState> tenants, double end)
    {
        var interactive = tenants.Where(t => t.Spec.Class == Scenarios.WorkloadClass.Interactive).ToList();
        var minutes = (int)Math.Floor(end / 60);
        var byClass = new SortedDictionary<string, (long Faults, long Unrecovered, List<double> Felt)>(StringComparer.Ordinal);
        foreach (var fault in faults)
        {
            var entry = byClass.GetValueOrDefault(fault.Type, (0, 0, []));
            entry.Faults++;
            var worst = 0.0;
            var unrecovered = false;
            foreach (var tenant in interactive)
            {
                var felt = Minutes(tenant.FinishedPerMinute, tenant.MetPerMinute, (int)(fault.Time / 60), minutes);
                if (felt is null)
                {
                    unrecovered = true;
                }
                else
                {
                    worst = Math.Max(worst, felt.Value * 60.0);
                }
            }

            if (unrecovered)
            {
                entry.Unrecovered++;
            }
            else if (worst > 0)
            {
                entry.Felt.Add(worst);
            }

            byClass[fault.Type] = entry;
        }

        return byClass.Select(c => new FeltRecoveryMetrics(c.Key, c.Value.Faults, c.Value.Felt.Count, c.Value.Unrecovered, DurationSummary.Of(c.Value.Felt))).ToList();
    }

    /// <summary>
    /// Minutes from the fault's minute to the first window back within a point of the hour before (0 when the
    /// first is); 0 with no traffic before to compare with; null when none is within the horizon or the run.
    /// </summary>
    public static int? Minutes(long[] finished, long[] met, int faultMinute, int minutes)
    {
        long before = 0, beforeMet = 0;
        for (var m = Math.Max(0, faultMinute - BaselineMinutes); m < faultMinute; m++)
        {
            before += finished[m];
            beforeMet += met[m];
        }

        if (before == 0)
        {
            return 0;
        }

        var level = (beforeMet / (double)before) - 0.01;
        long windowFinished = 0, windowMet = 0;
        var last = Math.Min(minutes, faultMinute + HorizonMinutes);
        for (var m = faultMinute; m < last; m++)
        {
            windowFinished += finished[m];
            windowMet += met[m];
            if (m - faultMinute >= WindowMinutes)
            {
                windowFinished -= finished[m - WindowMinutes];
                windowMet -= met[m - WindowMinutes];
            }

            if (m - faultMinute >= WindowMinutes - 1)
            {
                var start = m - WindowMinutes + 1;
                if (windowFinished == 0 || windowMet / (double)windowFinished >= level)
                {
                    return start - faultMinute;
                }
            }
        }

        return null;
    }
}
