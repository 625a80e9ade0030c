using Selene.Simulation.Metrics;
using Selene.Simulation.Scenarios;

namespace Selene.Simulation.Model;

/// <summary>A site during a run: GPUs online, busy and queued, integrated over time.</summary>
internal sealed class SiteState
{
    public SiteState(SiteSpec spec, int index, double durationSeconds, double binSeconds)
    {
        Spec = spec;
        Index = index;
        Gpus = new StepSeries(durationSeconds, binSeconds);
        Busy = new StepSeries(durationSeconds, binSeconds);
        Queued = new StepSeries(durationSeconds, binSeconds);
    }

    public SiteSpec Spec { get; }

    /// <summary>Position in the scenario's site list.</summary>
    public int Index { get; }

    public bool IsRemote => Spec.Location != SiteLocation.Earth;

    public StepSeries Gpus { get; }

    public StepSeries Busy { get; }

    public StepSeries Queued { get; }

    public long Served { get; set; }

    /// <summary>The link to Earth's ground stations, for a lunar or orbital site; null on Earth.</summary>
    public SiteLink? Link { get; set; }
}
