using Selene.Simulation.Metrics;
using Selene.Simulation.Scenarios;

namespace Selene.Simulation.Moderation;

/// <summary>
/// The review loop behind a tenant's output, bin by bin: each item the tenant served is filtered (its core-seconds
/// counted), its share blocked or sent to review (whole items, rounded so the totals are exact), the rest published;
/// reviewers on duty clear the backlog at their rate, and an item waits as long as the backlog ahead of it takes. Then
/// the question of scale: filter cores and reviewers for the configured videos a day.
/// </summary>
internal static class ModerationModel
{
    public static ModerationMetrics Run(ModerationSpec spec, long[] servedPerBin, double binSeconds, double end)
    {
        long items = 0, blocked = 0, reviewed = 0;
        double blockedDue = 0, reviewDue = 0, backlog = 0, maxBacklog = 0, maxWait = 0;
        var binsOverDeadline = 0;
        var backlogSeries = new double[servedPerBin.Length];
        var perReviewerBin = binSeconds / spec.ReviewSeconds;
        for (var bin = 0; bin < servedPerBin.Length; bin++)
        {
            var n = servedPerBin[bin];
            items += n;
            // Cumulative rounding: the counts are whole and never drift from share × items.
            blockedDue += n * spec.BlockShare;
            reviewDue += n * spec.ReviewShare;
            var newBlocked = (long)Math.Floor(blockedDue) - blocked;
            var newReviewed = (long)Math.Floor(reviewDue) - reviewed;
            blocked += newBlocked;
            reviewed += newReviewed;
            backlog = Math.Max(0, backlog + newReviewed - (spec.Reviewers * perReviewerBin));
            backlogSeries[bin] = backlog;
            maxBacklog = Math.Max(maxBacklog, backlog);
            var wait = spec.Reviewers > 0 ? backlog * spec.ReviewSeconds / spec.Reviewers : backlog > 0 ? double.PositiveInfinity : 0;
            maxWait = Math.Max(maxWait, wait);
            binsOverDeadline += wait > spec.DeadlineSeconds ? 1 : 0;
        }

        var filterCoreSeconds = items * spec.FilterSecondsPerItem;
        // The scale question: every frame sampled from every video is filtered; every reviewed video takes one review.
        var framesPerSecond = spec.VideosPerDay * spec.FramesPerVideo / 86_400;
        var reviewsPerSecond = spec.VideosPerDay * spec.ReviewShare / 86_400;
        var reviewersOnDuty = Math.Ceiling(reviewsPerSecond * spec.ReviewSeconds);
        return new ModerationMetrics(spec.Tenant, items, items - blocked - reviewed, blocked, reviewed, spec.Reviewers, spec.ReviewSeconds, spec.DeadlineSeconds,
            binSeconds, backlogSeries, maxBacklog, maxWait, binsOverDeadline, filterCoreSeconds, end > 0 ? filterCoreSeconds / end : 0,
            new ModerationScale(spec.VideosPerDay, spec.FramesPerVideo, spec.FilterSecondsPerItem, Math.Ceiling(framesPerSecond * spec.FilterSecondsPerItem),
                spec.ReviewShare, reviewersOnDuty, Math.Ceiling(reviewersOnDuty * 24 / spec.ReviewerHoursPerDay), spec.ReviewerHoursPerDay));
    }
}
