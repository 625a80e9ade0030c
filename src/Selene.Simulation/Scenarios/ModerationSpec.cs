namespace Selene.Simulation.Scenarios;

/// <summary>
/// The review loop behind a tenant's output: every item it serves is filtered (PDQ and classifiers, at a cost per
/// item), a share blocked, a share sent to reviewers (each review taking its time, with a deadline), the rest
/// published; and the question of scale: reviewers and filter compute for a number of videos a day.
/// </summary>
/// <param name="Tenant">The tenant whose output is moderated.</param>
/// <param name="BlockShare">Share of items blocked by the filter.</param>
/// <param name="ReviewShare">Share of items sent to people.</param>
/// <param name="Reviewers">Reviewers on duty at any time.</param>
/// <param name="ReviewSeconds">One review.</param>
/// <param name="DeadlineSeconds">How long an item may wait for a reviewer.</param>
/// <param name="FilterSecondsPerItem">One core's time to filter one image (decode, PDQ with its dihedrals, bank lookup, classifier).</param>
/// <param name="FramesPerVideo">Frames filtered per video.</param>
/// <param name="VideosPerDay">The scale asked about.</param>
/// <param name="ReviewerHoursPerDay">One reviewer's hours a day.</param>
public sealed record ModerationSpec(string Tenant, double BlockShare, double ReviewShare, int Reviewers, double ReviewSeconds, double DeadlineSeconds,
    double FilterSecondsPerItem, int FramesPerVideo, double VideosPerDay, double ReviewerHoursPerDay);
