namespace Selene.Simulation.Metrics;

/// <summary>The review loop behind a tenant's output over the run, and the scale question.</summary>
/// <param name="Tenant">The tenant moderated.</param>
/// <param name="Items">Items filtered (the tenant's served requests).</param>
/// <param name="Published">Published.</param>
/// <param name="Blocked">Blocked by the filter.</param>
/// <param name="Reviewed">Sent to reviewers.</param>
/// <param name="Reviewers">Reviewers on duty.</param>
/// <param name="ReviewSeconds">One review.</param>
/// <param name="DeadlineSeconds">The review deadline.</param>
/// <param name="BinSeconds">Width of the backlog series' bins.</param>
/// <param name="Backlog">Items waiting for review at each bin's end.</param>
/// <param name="MaxBacklog">Most items waiting.</param>
/// <param name="MaxWaitSeconds">Longest wait for a reviewer.</param>
/// <param name="BinsOverDeadline">Bins in which the wait exceeded the deadline.</param>
/// <param name="FilterCoreSeconds">Core-seconds of filtering.</param>
/// <param name="FilterCores">Mean cores busy filtering.</param>
/// <param name="Scale">What the configured videos a day need.</param>
public sealed record ModerationMetrics(string Tenant, long Items, long Published, long Blocked, long Reviewed, int Reviewers, double ReviewSeconds, double DeadlineSeconds,
    double BinSeconds, double[] Backlog, double MaxBacklog, double MaxWaitSeconds, int BinsOverDeadline, double FilterCoreSeconds, double FilterCores, ModerationScale Scale);

/// <summary>Filter compute and reviewers for a number of videos a day.</summary>
/// <param name="VideosPerDay">Videos a day.</param>
/// <param name="FramesPerVideo">Frames filtered per video.</param>
/// <param name="FilterSecondsPerFrame">One core's time per frame.</param>
/// <param name="FilterCores">Cores filtering, around the clock.</param>
/// <param name="ReviewShare">Share of videos reviewed.</param>
/// <param name="ReviewersOnDuty">Reviewers needed at any time to keep up.</param>
/// <param name="ReviewerHeadcount">People, at the hours a day below, to keep that many on duty around the clock.</param>
/// <param name="ReviewerHoursPerDay">One reviewer's hours a day.</param>
public sealed record ModerationScale(double VideosPerDay, int FramesPerVideo, double FilterSecondsPerFrame, double FilterCores, double ReviewShare,
    double ReviewersOnDuty, double ReviewerHeadcount, double ReviewerHoursPerDay);
