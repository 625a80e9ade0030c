using Selene.Inference.Graph;
using Selene.Inference.Profiling;
using Selene.Inference.Runtime;

namespace Selene.Inference.Planning;

/// <summary>
/// Chooses where to cut. For latency it solves the minimum cut of a flow network, as DADS does for DAG-shaped
/// models: each node's time on the suffix's device is the capacity from the source, its time on the prefix's device
/// the capacity to the sink, and each tensor's cost of crossing (encoding and sending) sits on one edge from its
/// producer, so a tensor read by several suffix nodes is paid once; infinite edges back from each reader to its
/// producer keep data flowing one way, and fused pairs together. The delays are fixed once anything crosses, so the
/// minimum cut is compared with keeping everything local. For throughput within a latency budget, and to list the
/// plan, every valid cut is costed.
/// </summary>
public static class SplitPlanner
{
    /// <summary>
    /// Every candidate costed and the best chosen (by minimum cut for latency, by search for throughput). A graph with
    /// more than <paramref name="cutLimit"/> cuts (sixty parallel branches have 2⁶⁰) is not listed whole: its table holds
    /// the cuts along the model's own node order, which ONNX requires to be topological, and the minimum cut, which is
    /// still the best for latency; for throughput the best of that table is chosen (<see cref="SplitPlan.AllCutsListed"/> false).
    /// </summary>
    public static SplitPlan Plan(ModelProfile profile, PlanOptions options, int cutLimit = CutEnumerator.DefaultLimit)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(options);
        var graph = profile.Graph;
        var all = Enumerable.Range(0, graph.Nodes.Count);
        var allPrefix = Cost(profile, options, Cut.Of(graph, all), TensorCodec.None);
        var allSuffix = options.Codecs.Select(c => Cost(profile, options, Cut.Of(graph, []), c)).MinBy(c => c.LatencySeconds)!;
        List<CandidateCost> candidates;
        var listedAll = true;
        try
        {
            candidates = [.. CutEnumerator.All(graph, cutLimit).SelectMany(cut => CodecsFor(cut, options).Select(codec => Cost(profile, options, cut, codec)))];
        }
        catch (InvalidOperationException)
        {
            listedAll = false;
            var minimum = MinimumCut(profile, options);
            candidates = [.. AlongNodeOrder(graph).SelectMany(cut => CodecsFor(cut, options).Select(codec => Cost(profile, options, cut, codec)))];
            if (!candidates.Any(c => c.Cut.Label == minimum.Cut.Label && c.Codec == minimum.Codec))
            {
                candidates.Add(minimum);
            }
        }

        CandidateCost best;
        if (options.LatencyBudgetSeconds is { } budget)
        {
            candidates = [.. candidates.OrderByDescending(c => c.LatencySeconds <= budget).ThenByDescending(c => c.ThroughputPerSecond).ThenBy(c => c.LatencySeconds)];
            best = candidates[0];
        }
        else
        {
            candidates = [.. candidates.OrderBy(c => c.LatencySeconds)];
            best = MinimumCut(profile, options);
        }

        return new SplitPlan(options, candidates, best, allPrefix, allSuffix) { AllCutsListed = listedAll };
    }

    // The cuts after each node in the model's order (a topological order), but those that would part a fused pair.
    private static IEnumerable<Cut> AlongNodeOrder(OnnxGraph graph)
    {
        for (var k = 0; k <= graph.Nodes.Count; k++)
        {
            Cut? cut;
            try
            {
                cut = Cut.Of(graph, Enumerable.Range(0, k));
            }
            catch (ArgumentException)
            {
                cut = null;
            }

            if (cut is not null)
            {
                yield return cut;
            }
        }
    }

    /// <summary>Every candidate, by exhaustive search: the least latency over all valid cuts and codecs.</summary>
    public static CandidateCost Exhaustive(ModelProfile profile, PlanOptions options)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(options);
        return CutEnumerator.All(profile.Graph).SelectMany(cut => CodecsFor(cut, options).Select(codec => Cost(profile, options, cut, codec))).MinBy(c => c.LatencySeconds)!;
    }

    /// <summary>The least-latency candidate by minimum cut, one flow problem per codec.</summary>
    public static CandidateCost MinimumCut(ModelProfile profile, PlanOptions options)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(options);
        var graph = profile.Graph;
        var best = Cost(profile, options, Cut.Of(graph, Enumerable.Range(0, graph.Nodes.Count)), TensorCodec.None);
        foreach (var codec in options.Codecs)
        {
            var cut = Cut.Of(graph, MinimumCutPrefix(profile, options, codec));
            var cost = Cost(profile, options, cut, codec);
            if (cost.LatencySeconds < best.LatencySeconds)
            {
                best = cost;
            }
        }

        return best;
    }

    /// <summary>The cost terms of <paramref name="cut"/> with <paramref name="codec"/>.</summary>
    public static CandidateCost Cost(ModelProfile profile, PlanOptions options, Cut cut, TensorCodec codec)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(cut);
        var graph = profile.Graph;
        double prefix = 0, suffix = 0;
        for (var i = 0; i < graph.Nodes.Count; i++)
        {
            if (cut.InPrefix(i))
            {
                prefix += options.PrefixDevice.Seconds(profile, i);
            }
            else
            {
                suffix += options.SuffixDevice.Seconds(profile, i);
            }
        }

        if (cut.AllInPrefix)
        {
            return new CandidateCost(cut, TensorCodec.None, prefix, 0, 0, 0, 0, 0, 0, 0, 0);
        }

        var (encode, sent) = Crossing(profile, cut.Tensors, codec);
        var (replyEncode, reply) = Crossing(profile, cut.SuffixOutputs, TensorCodec.None);
        var link = options.Link;
        return new CandidateCost(cut, codec, prefix, encode, sent, link.ForwardSeconds(sent), suffix, reply, replyEncode + link.ReturnSeconds(reply),
            2 * link.OneWayDelaySeconds, link.ExpectedLossSeconds);
    }

    // Nothing crosses when everything runs on the request's side: one candidate, not one per codec.
    private static IEnumerable<TensorCodec> CodecsFor(Cut cut, PlanOptions options) => cut.AllInPrefix ? [TensorCodec.None] : options.Codecs;

    private static (double Seconds, long Bytes) Crossing(ModelProfile profile, IEnumerable<string> tensors, TensorCodec codec)
    {
        double seconds = 0;
        long bytes = 0;
        foreach (var tensor in tensors)
        {
            var (size, time) = profile.Tensors[tensor].Encoded[codec];
            seconds += time;
            bytes += size;
        }

        return (seconds, bytes);
    }

    private static IEnumerable<int> MinimumCutPrefix(ModelProfile profile, PlanOptions options, TensorCodec codec)
    {
        var graph = profile.Graph;
        var n = graph.Nodes.Count;
        var tensors = graph.Inputs.Concat(graph.Nodes.SelectMany(v => v.Outputs)).Where(t => graph.ConsumersOf(t).Count > 0).Distinct().ToList();
        var source = n + tensors.Count;
        var sink = source + 1;
        var network = new MaxFlow(sink + 1);
        // Larger than any sum of finite capacities, but finite so the flow arithmetic stays exact enough.
        var infinite = 1e6 * (1 + profile.NodeSeconds.Sum() + options.Link.ForwardSeconds(profile.Tensors.Values.Sum(t => (double)t.Bytes)));

        for (var v = 0; v < n; v++)
        {
            // Cut when v runs in the suffix: its time there, and sending back the graph outputs it writes.
            var reply = graph.Nodes[v].Outputs.Where(graph.Outputs.Contains).Sum(o => ReplySeconds(profile, options, o));
            network.Add(source, v, options.SuffixDevice.Seconds(profile, v) + reply);
            network.Add(v, sink, options.PrefixDevice.Seconds(profile, v));
        }

        for (var j = 0; j < tensors.Count; j++)
        {
            var tensor = tensors[j];
            var vertex = n + j;
            var producer = graph.ProducerOf(tensor);
            var (size, time) = profile.Tensors[tensor].Encoded[codec];
            network.Add(producer >= 0 ? producer : source, vertex, time + options.Link.ForwardSeconds(size));
            foreach (var reader in graph.ConsumersOf(tensor))
            {
                network.Add(vertex, reader, infinite);
                if (producer >= 0)
                {
                    network.Add(reader, producer, infinite);
                }
            }
        }

        var partners = FusedPairs.Partners(graph);
        for (var v = 0; v < n; v++)
        {
            if (partners[v] >= 0)
            {
                network.Add(v, partners[v], infinite);
                network.Add(partners[v], v, infinite);
            }
        }

        var (_, sourceSide) = network.Solve(source, sink);
        return Enumerable.Range(0, n).Where(v => sourceSide[v]);
    }

    private static double ReplySeconds(ModelProfile profile, PlanOptions options, string output)
    {
        var (size, time) = profile.Tensors[output].Encoded[TensorCodec.None];
        return time + options.Link.ReturnSeconds(size);
    }
}
