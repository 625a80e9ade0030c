using System.Globalization;
using System.Text.Json;

namespace Selene.Cluster.Scheduling;

/// <summary>
/// Why a pod went where it went, in the shape of kube-scheduler-simulator's pod annotations: each PreFilter
/// plugin's verdict, each evaluated node's Filter verdict per plugin (evaluation stops at a node's first
/// rejection, as the framework does), each scored node's raw score per plugin, and its final score per plugin
/// (normalised and weighted).
/// </summary>
public sealed class SchedulingDecision
{
    /// <summary>Annotation holding the PreFilter verdicts.</summary>
    public const string PreFilterAnnotation = "selene.io/prefilter-result";

    /// <summary>Annotation holding the Filter verdicts per node.</summary>
    public const string FilterAnnotation = "selene.io/filter-result";

    /// <summary>Annotation holding the raw scores per node.</summary>
    public const string ScoreAnnotation = "selene.io/score-result";

    /// <summary>Annotation holding the normalised, weighted scores per node.</summary>
    public const string FinalScoreAnnotation = "selene.io/final-score";

    /// <summary>Annotation holding the chosen node.</summary>
    public const string SelectedNodeAnnotation = "selene.io/selected-node";

    /// <summary>PreFilter verdicts by plugin.</summary>
    public SortedDictionary<string, string> PreFilter { get; } = new(StringComparer.Ordinal);

    /// <summary>Filter verdicts: node → plugin → "passed" or the reason.</summary>
    public SortedDictionary<string, SortedDictionary<string, string>> Filter { get; } = new(StringComparer.Ordinal);

    /// <summary>Raw scores: node → plugin → score.</summary>
    public SortedDictionary<string, SortedDictionary<string, long>> Score { get; } = new(StringComparer.Ordinal);

    /// <summary>Final scores: node → plugin → weight × normalised score.</summary>
    public SortedDictionary<string, SortedDictionary<string, long>> FinalScore { get; } = new(StringComparer.Ordinal);

    /// <summary>The chosen node, or null when none was.</summary>
    public string? SelectedNode { get; set; }

    /// <summary>The sum of a node's final scores.</summary>
    public long Total(string node) => FinalScore.TryGetValue(node, out var scores) ? scores.Values.Sum() : 0;

    /// <summary>The decision as pod annotations (values are JSON objects, keys sorted).</summary>
    public Dictionary<string, string> ToAnnotations()
    {
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [PreFilterAnnotation] = JsonSerializer.Serialize(PreFilter),
            [FilterAnnotation] = JsonSerializer.Serialize(Filter),
            [ScoreAnnotation] = JsonSerializer.Serialize(AsText(Score)),
            [FinalScoreAnnotation] = JsonSerializer.Serialize(AsText(FinalScore)),
        };
        if (SelectedNode is not null)
        {
            annotations[SelectedNodeAnnotation] = SelectedNode;
        }

        return annotations;
    }

    internal void RecordScore(string node, string plugin, long raw) => Record(Score, node, plugin, raw);

    internal void RecordFinalScore(string node, string plugin, long weighted) => Record(FinalScore, node, plugin, weighted);

    private static void Record(SortedDictionary<string, SortedDictionary<string, long>> table, string node, string plugin, long value)
    {
        if (!table.TryGetValue(node, out var row))
        {
            row = new SortedDictionary<string, long>(StringComparer.Ordinal);
            table.Add(node, row);
        }

        row[plugin] = value;
    }

    internal void RecordFilter(string node, string plugin, string verdict)
    {
        if (!Filter.TryGetValue(node, out var row))
        {
            row = new SortedDictionary<string, string>(StringComparer.Ordinal);
            Filter.Add(node, row);
        }

        row[plugin] = verdict;
    }

    // The simulator writes scores as strings.
    private static SortedDictionary<string, SortedDictionary<string, string>> AsText(SortedDictionary<string, SortedDictionary<string, long>> table) =>
        new(table.ToDictionary(
            n => n.Key,
            n => new SortedDictionary<string, string>(n.Value.ToDictionary(p => p.Key, p => p.Value.ToString(CultureInfo.InvariantCulture)), StringComparer.Ordinal)),
            StringComparer.Ordinal);
}
