using System.Diagnostics;
using Selene.Moderation.Generation;

namespace Selene.Moderation.Filtering;

/// <summary>
/// The generate → filter → decide → publish loop: each request goes to the generator, its output through the
/// moderator (which records the decision before anything is published), and is published, blocked, queued for
/// review or rejected. It counts each and times each stage.
/// </summary>
public sealed class ModerationLoop(SyntheticGenerator generator, Moderator moderator, string tenant = "default")
{
    /// <summary>Runs requests <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> − 1.</summary>
    public LoopReport Run(long first, int count)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var published = new List<string>();
        var byKind = new Dictionary<(GeneratedKind, string), int>();
        double generateSeconds = 0, filterSeconds = 0;
        var clock = new Stopwatch();
        for (var request = first; request < first + count; request++)
        {
            clock.Restart();
            var item = generator.Generate(request);
            generateSeconds += clock.Elapsed.TotalSeconds;
            clock.Restart();
            var outcome = moderator.Moderate(item.Bytes, item.Name, tenant);
            filterSeconds += clock.Elapsed.TotalSeconds;
            var action = outcome.Decision is { } decision ? Moderator.Name(decision.Action) : "reject";
            counts[action] = counts.GetValueOrDefault(action) + 1;
            byKind[(item.Kind, action)] = byKind.GetValueOrDefault((item.Kind, action)) + 1;
            if (outcome.Published)
            {
                published.Add(item.Name);
            }
        }

        return new LoopReport(count, counts, byKind, published, generateSeconds / count, filterSeconds / count);
    }
}

/// <summary>What a loop run did: actions, actions by what the generator meant, what was published, and each stage's mean time.</summary>
public sealed record LoopReport(int Items, IReadOnlyDictionary<string, int> Actions, IReadOnlyDictionary<(GeneratedKind Kind, string Action), int> ByKind,
    IReadOnlyList<string> Published, double GenerateSecondsPerItem, double FilterSecondsPerItem);
