using System.Globalization;
using Selene.Cluster.Scheduling.Framework;
using Selene.Cluster.Scheduling.Plugins;
using Selene.Cluster.Scheduling.Profiles;

namespace Selene.Cluster.Scheduling;

/// <summary>
/// One scheduling cycle at a time, as kube-scheduler runs it: PreFilter; Filter over nodes from a round-robin
/// start until enough feasible nodes are found (<c>percentageOfNodesToScore</c>: 50 − nodes/125 %, at least
/// 5 % and at least 100 nodes); PostFilter (preemption) when none is; PreScore, Score, NormalizeScore and the
/// weighted sum; the highest total wins, ties broken uniformly at random from a seeded stream; then Reserve,
/// Permit and Bind. A pod nominated by an earlier preemption tries its nominated node first.
/// </summary>
public sealed class Scheduler : IFrameworkHandle
{
    private const int MinFeasibleNodesToFind = 100;
    private const int MinFeasibleNodesPercentageToFind = 5;

    private readonly SchedulerProfile _profile;
    private readonly IPodBinder? _binder;
    private readonly Random _random;
    private readonly int _percentage;
    private readonly List<NodeInfo> _feasible = [];
    private readonly CycleState _state = new();
    private readonly bool[] _filterSkipped;
    private readonly IFilterPlugin[] _activeFilters;
    private int _activeFilterCount;
    private readonly bool[] _scoreSkipped;
    private readonly List<(NodeInfo Node, Status Status)> _failed = [];
    private long[] _raw = [];
    private long[] _total = [];
    private int _nextStartNodeIndex;

    /// <summary>Creates a scheduler over <paramref name="snapshot"/>.</summary>
    /// <param name="snapshot">The cluster as the scheduler sees it; bound pods are added to it.</param>
    /// <param name="profile">The plugins and weights.</param>
    /// <param name="binder">Where bindings, evictions and nominations go; null for a dry run.</param>
    /// <param name="percentageOfNodesToScore">0 for kube-scheduler's adaptive default, else 1–100.</param>
    /// <param name="seed">Seed of the tie-breaking stream.</param>
    /// <param name="explain">Record a <see cref="SchedulingDecision"/> for every cycle.</param>
    public Scheduler(ClusterSnapshot snapshot, SchedulerProfile profile, IPodBinder? binder = null, int percentageOfNodesToScore = 0, int seed = 1, bool explain = false)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentOutOfRangeException.ThrowIfNegative(percentageOfNodesToScore);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentageOfNodesToScore, 100);
        Snapshot = snapshot;
        _profile = profile;
        _binder = binder;
        _percentage = profile.PercentageOfNodesToScore ?? percentageOfNodesToScore;
        _random = new Random(seed);
        Explain = explain;
        _filterSkipped = new bool[profile.Filter.Count];
        _activeFilters = new IFilterPlugin[profile.Filter.Count];
        _scoreSkipped = new bool[profile.Score.Count];
    }

    /// <inheritdoc />
    public ClusterSnapshot Snapshot { get; }

    /// <summary>True when every cycle records its explanation.</summary>
    public bool Explain { get; }

    /// <summary>The profile in use.</summary>
    public SchedulerProfile Profile => _profile;

    /// <summary>kube-scheduler's <c>numFeasibleNodesToFind</c> for a cluster of <paramref name="nodes"/> nodes.</summary>
    public static int NumFeasibleNodesToFind(int percentage, int nodes)
    {
        if (nodes < MinFeasibleNodesToFind)
        {
            return nodes;
        }

        if (percentage == 0)
        {
            percentage = Math.Max(50 - (nodes / 125), MinFeasibleNodesPercentageToFind);
        }

        return Math.Max((int)((long)nodes * percentage / 100), MinFeasibleNodesToFind);
    }

    /// <summary>Runs one scheduling cycle for <paramref name="pod"/>.</summary>
    public SchedulingResult Schedule(PodInfo pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        _state.Clear();
        Array.Clear(_filterSkipped);
        Array.Clear(_scoreSkipped);
        var decision = Explain ? new SchedulingDecision() : null;
        var nodes = Snapshot.Nodes;
        var failed = _failed;
        failed.Clear();

        var preFilter = RunPreFilter(pod, decision);
        if (!preFilter.IsSuccess)
        {
            return Failure(pod, preFilter, $"0/{nodes.Count} nodes are available: {preFilter.Reason}.", decision, failed, runPostFilter: preFilter.Code == StatusCode.Unschedulable);
        }

        CollectActiveFilters();
        _feasible.Clear();
        if (pod.Pod.Status?.NominatedNodeName is { Length: > 0 } nominated && Snapshot.Node(nominated) is { } nominee
            && RunFilterPlugins(pod, nominee, decision).IsSuccess)
        {
            _feasible.Add(nominee);
        }
        else
        {
            var toFind = NumFeasibleNodesToFind(_percentage, nodes.Count);
            var processed = FindFeasible(pod, nodes, toFind, failed, decision);
            _nextStartNodeIndex = nodes.Count == 0 ? 0 : (_nextStartNodeIndex + processed) % nodes.Count;
        }

        if (_feasible.Count == 0)
        {
            var message = $"0/{nodes.Count} nodes are available" + (failed.Count > 0 ? ": " + string.Join(", ", Histogram(failed).Select(r => $"{r.Value} {r.Key}").Order(StringComparer.Ordinal)) : "") + ".";
            return Failure(pod, Status.Unschedulable(message), message, decision, failed, runPostFilter: true);
        }

        var chosen = _feasible.Count == 1 ? _feasible[0] : Prioritize(pod, decision);
        return Commit(pod, chosen, decision, failed);
    }

    private int FindFeasible(PodInfo pod, IReadOnlyList<NodeInfo> nodes, int toFind, List<(NodeInfo Node, Status Status)> failed, SchedulingDecision? decision)
    {
        var processed = 0;
        var index = _nextStartNodeIndex;
        for (var i = 0; i < nodes.Count && _feasible.Count < toFind; i++)
        {
            var node = nodes[index];
            index = index + 1 == nodes.Count ? 0 : index + 1;
            processed++;
            var status = RunFilterPlugins(pod, node, decision);
            if (status.IsSuccess)
            {
                _feasible.Add(node);
            }
            else
            {
                failed.Add((node, status));
            }
        }

        return processed;
    }

    /// <inheritdoc />
    public Status RunFilters(PodInfo pod, NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(node);
        var saved = new CycleState();
        var skipped = new HashSet<IPlugin>();
        foreach (var plugin in _profile.PreFilter)
        {
            var status = plugin.PreFilter(saved, pod, Snapshot);
            if (status.Code == StatusCode.Skip)
            {
                skipped.Add(plugin);
            }
            else if (!status.IsSuccess)
            {
                return status;
            }
        }

        foreach (var plugin in _profile.Filter)
        {
            if (skipped.Contains(plugin))
            {
                continue;
            }

            var status = plugin.Filter(saved, pod, node);
            if (!status.IsSuccess)
            {
                return status;
            }
        }

        return Status.Success;
    }

    /// <inheritdoc />
    public int NextRandom(int maxExclusive) => _random.Next(maxExclusive);

    private Status RunPreFilter(PodInfo pod, SchedulingDecision? decision)
    {
        var preFilters = _profile.PreFilter;
        for (var p = 0; p < preFilters.Count; p++)
        {
            var plugin = preFilters[p];
            var status = plugin.PreFilter(_state, pod, Snapshot);
            decision?.PreFilter.Add(plugin.Name, status.Code == StatusCode.Skip ? "skipped" : status.ToString());
            if (status.Code == StatusCode.Skip)
            {
                MarkSkipped(_profile.Filter, _filterSkipped, plugin);
            }
            else if (!status.IsSuccess)
            {
                return status;
            }
        }

        return Status.Success;
    }

    private static void MarkSkipped<T>(IReadOnlyList<T> plugins, bool[] skipped, IPlugin plugin)
    {
        for (var i = 0; i < plugins.Count; i++)
        {
            if (ReferenceEquals(plugins[i], plugin))
            {
                skipped[i] = true;
            }
        }
    }

    private Status RunFilterPlugins(PodInfo pod, NodeInfo node, SchedulingDecision? decision)
    {
        var active = _activeFilters;
        for (var p = 0; p < _activeFilterCount; p++)
        {
            var status = active[p].Filter(_state, pod, node);
            decision?.RecordFilter(node.Name, active[p].Name, status.ToString());
            if (!status.IsSuccess)
            {
                return status;
            }
        }

        return Status.Success;
    }

    // The filters PreFilter did not skip, in order, so the per-node loop runs only those.
    private void CollectActiveFilters()
    {
        _activeFilterCount = 0;
        for (var p = 0; p < _profile.Filter.Count; p++)
        {
            if (!_filterSkipped[p])
            {
                _activeFilters[_activeFilterCount++] = _profile.Filter[p];
            }
        }
    }

    /// <summary>
    /// PreFilter once, then every Filter plugin on each of <paramref name="nodes"/> (all of them, no sampling):
    /// the verdict per node, in order. A PreFilter rejection is every node's verdict.
    /// </summary>
    public IReadOnlyList<(NodeInfo Node, Status Status)> FilterNodes(PodInfo pod, IReadOnlyList<NodeInfo> nodes)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(nodes);
        _state.Clear();
        Array.Clear(_filterSkipped);
        var preFilter = RunPreFilter(pod, null);
        if (!preFilter.IsSuccess)
        {
            return nodes.Select(n => (n, preFilter)).ToList();
        }

        CollectActiveFilters();
        return nodes.Select(n => (n, RunFilterPlugins(pod, n, null))).ToList();
    }

    /// <summary>
    /// PreScore, Score, NormalizeScore and the weighted sum over <paramref name="nodes"/>, taken as the feasible
    /// set: each node's total, in order, and the largest total possible from the plugins that scored
    /// (100 × their weights; 0 when every plugin skipped).
    /// </summary>
    public (IReadOnlyList<(NodeInfo Node, long Total)> Totals, long MaxTotal) ScoreNodes(PodInfo pod, IReadOnlyList<NodeInfo> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var totals = new long[nodes.Count];
        var max = ScoreInto(pod, nodes, totals);
        return (nodes.Select((n, i) => (n, totals[i])).ToList(), max);
    }

    /// <summary>
    /// <see cref="ScoreNodes"/> without allocating results: each node's total into <paramref name="totals"/>;
    /// returns the largest total possible from the plugins that scored.
    /// </summary>
    public long ScoreInto(PodInfo pod, IReadOnlyList<NodeInfo> nodes, Span<long> totals)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(nodes);
        _state.Clear();
        Array.Clear(_filterSkipped);
        Array.Clear(_scoreSkipped);
        _feasible.Clear();
        for (var i = 0; i < nodes.Count; i++)
        {
            _feasible.Add(nodes[i]);
        }

        ComputeTotals(pod, null).CopyTo(totals);
        long max = 0;
        for (var s = 0; s < _profile.Score.Count; s++)
        {
            max += _scoreSkipped[s] ? 0 : _profile.Score[s].Weight * ScoreNormalizer.MaxNodeScore;
        }

        return max;
    }

    private NodeInfo Prioritize(PodInfo pod, SchedulingDecision? decision)
    {
        var total = ComputeTotals(pod, decision);
        var count = total.Length;

        // selectHost: reservoir sampling among the nodes with the highest total.
        var selected = 0;
        var ties = 1;
        for (var i = 1; i < count; i++)
        {
            if (total[i] > total[selected])
            {
                selected = i;
                ties = 1;
            }
            else if (total[i] == total[selected] && _random.Next(++ties) == 0)
            {
                selected = i;
            }
        }

        return _feasible[selected];
    }

    private Span<long> ComputeTotals(PodInfo pod, SchedulingDecision? decision)
    {
        var count = _feasible.Count;
        if (_total.Length < count)
        {
            _total = new long[count];
            _raw = new long[count];
        }

        var total = _total.AsSpan(0, count);
        total.Clear();
        var preScores = _profile.PreScore;
        for (var p = 0; p < preScores.Count; p++)
        {
            var plugin = preScores[p];
            if (plugin.PreScore(_state, pod, _feasible, Snapshot).Code == StatusCode.Skip)
            {
                for (var s = 0; s < _profile.Score.Count; s++)
                {
                    _scoreSkipped[s] |= ReferenceEquals(_profile.Score[s].Plugin, plugin);
                }
            }
        }

        var raw = _raw.AsSpan(0, count);
        for (var s = 0; s < _profile.Score.Count; s++)
        {
            if (_scoreSkipped[s])
            {
                continue;
            }

            var (plugin, weight) = _profile.Score[s];
            for (var i = 0; i < count; i++)
            {
                raw[i] = plugin.Score(_state, pod, _feasible[i]);
                decision?.RecordScore(_feasible[i].Name, plugin.Name, raw[i]);
            }

            plugin.NormalizeScore(_state, pod, raw);
            for (var i = 0; i < count; i++)
            {
                total[i] += raw[i] * weight;
                decision?.RecordFinalScore(_feasible[i].Name, plugin.Name, raw[i] * weight);
            }
        }

        return total;
    }

    private SchedulingResult Commit(PodInfo pod, NodeInfo node, SchedulingDecision? decision, List<(NodeInfo Node, Status Status)> failed)
    {
        Snapshot.Bind(pod, node);
        foreach (var plugin in _profile.Reserve)
        {
            var status = plugin.Reserve(_state, pod, node);
            if (!status.IsSuccess)
            {
                return Undo(pod, node, status, decision, failed);
            }
        }

        foreach (var plugin in _profile.Permit)
        {
            var (status, _) = plugin.Permit(_state, pod, node);
            if (status.Code is not (StatusCode.Success or StatusCode.Wait))
            {
                return Undo(pod, node, status, decision, failed);
            }
        }

        var bound = false;
        foreach (var plugin in _profile.Bind)
        {
            var status = plugin.Bind(_state, pod, node);
            if (status.Code == StatusCode.Skip)
            {
                continue;
            }

            if (!status.IsSuccess)
            {
                return Undo(pod, node, status, decision, failed);
            }

            bound = true;
            break;
        }

        if (!bound && _binder is not null && !_binder.Bind(pod, node.Name))
        {
            return Undo(pod, node, Status.Failure($"binding {pod.Key} to {node.Name} was refused"), decision, failed);
        }

        if (decision is not null)
        {
            decision.SelectedNode = node.Name;
        }

        return new SchedulingResult(pod, node, Status.Success, $"Successfully assigned {pod.Key} to {node.Name}", decision, null, decision is null ? s_none : Histogram(failed));
    }

    private SchedulingResult Undo(PodInfo pod, NodeInfo node, Status status, SchedulingDecision? decision, List<(NodeInfo Node, Status Status)> failed)
    {
        foreach (var plugin in _profile.Reserve)
        {
            plugin.Unreserve(_state, pod, node);
        }

        Snapshot.Unbind(pod.Key);
        return new SchedulingResult(pod, null, status, status.Reason ?? status.Code.ToString(), decision, null, Histogram(failed));
    }

    private SchedulingResult Failure(PodInfo pod, Status status, string message, SchedulingDecision? decision, List<(NodeInfo Node, Status Status)> failed, bool runPostFilter)
    {
        PostFilterResult? preemption = null;
        if (runPostFilter)
        {
            foreach (var plugin in _profile.PostFilter)
            {
                var result = plugin.PostFilter(_state, pod, this, failed.ToDictionary(f => f.Node, f => f.Status));
                if (result.Status.IsSuccess && result.NominatedNode is { } node)
                {
                    foreach (var victim in result.Victims)
                    {
                        Snapshot.Unbind(victim.Key);
                        _binder?.Evict(victim, pod);
                    }

                    _binder?.Nominate(pod, node.Name);
                    preemption = result;
                    message += string.Create(CultureInfo.InvariantCulture, $" preemption: nominated {node.Name}, evicting {string.Join(", ", result.Victims.Select(v => v.Key))}.");
                    break;
                }

                message += " " + result.Status.Reason + ".";
            }
        }

        return new SchedulingResult(pod, null, status, message, decision, preemption, Histogram(failed));
    }

    private static readonly Dictionary<string, int> s_none = [];

    // Each status may carry several reasons joined by ", " (NodeResourcesFit's "Insufficient cpu, Insufficient memory").
    private static Dictionary<string, int> Histogram(List<(NodeInfo Node, Status Status)> failed)
    {
        var reasons = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (_, status) in failed)
        {
            foreach (var reason in (status.Reason ?? status.Code.ToString()).Split(", "))
            {
                reasons[reason] = reasons.GetValueOrDefault(reason) + 1;
            }
        }

        return reasons;
    }
}
