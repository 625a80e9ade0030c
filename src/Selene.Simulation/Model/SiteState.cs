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
        DurationSeconds = durationSeconds;
        BinSeconds = binSeconds;
        Gpus = new StepSeries(durationSeconds, binSeconds);
        Busy = new StepSeries(durationSeconds, binSeconds);
        Queued = new StepSeries(durationSeconds, binSeconds);
    }

    public SiteSpec Spec { get; }

    /// <summary>The run's length, for series kept at the site's nodes.</summary>
    public double DurationSeconds { get; }

    /// <summary>Width of the run's time-series bins.</summary>
    public double BinSeconds { get; }

    /// <summary>Position in the scenario's site list.</summary>
    public int Index { get; }

    public bool IsRemote => Spec.Location != SiteLocation.Earth;

    public StepSeries Gpus { get; }

    public StepSeries Busy { get; }

    public StepSeries Queued { get; }

    public long Served { get; set; }

    /// <summary>The link to Earth's ground stations, for a lunar or orbital site; null on Earth.</summary>
    public SiteLink? Link { get; set; }

    /// <summary>When word sent from the site (or to it) at <paramref name="time"/> reaches the other end: at once on Earth, else once the link is up plus the light time; +∞ when it never comes up.</summary>
    public double AcrossLink(double time)
    {
        if (Link is not { } link)
        {
            return time;
        }

        var up = link.Schedule.NextUp(time);
        return double.IsFinite(up) ? up + link.Schedule.DelayAt(up) : up;
    }
}
