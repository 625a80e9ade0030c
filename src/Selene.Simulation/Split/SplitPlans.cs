using Selene.Inference.Graph;
using Selene.Inference.Models;
using Selene.Inference.Planning;
using Selene.Inference.Profiling;
using Selene.Simulation.Metrics;
using Selene.Simulation.Randomness;
using Selene.Simulation.Scenarios;

namespace Selene.Simulation.Split;

/// <summary>
/// Plans each model tenant's split for the scenario's link, Earth's prefix device and the lunar GPU type, from a
/// profile with nothing timed (roofline devices, modelled codec speeds), so a scenario and seed give the same plan on
/// any machine. The tenant then sends the cut tensors and gets the reply (its request and reply sizes), spends the
/// prefix on Earth before a request leaves, and is served the suffix's time at a lunar node or the whole model's at
/// an Earth one.
/// </summary>
internal static class SplitPlans
{
    public static (Scenario Scenario, IReadOnlyList<SplitPlanMetrics> Plans) Apply(Scenario scenario)
    {
        if (scenario.Tenants.All(t => t.Model is null))
        {
            return (scenario, []);
        }

        var plans = new List<SplitPlanMetrics>();
        var tenants = scenario.Tenants.Select(tenant =>
        {
            if (tenant.Model is not { } model)
            {
                return tenant;
            }

            var graph = OnnxGraph.Load(BuiltInModels.Resolve(model.Model));
            var profile = ModelProfiler.Modelled(graph, ModelProfiler.SampleInputs(graph, (int)(scenario.Seed % int.MaxValue)));
            var spec = scenario.Link;
            var link = new LinkModel(spec.Name, spec.OneWayDelaySeconds, spec.BandwidthBitsPerSecond, spec.BandwidthBitsPerSecond, spec.LossProbability);
            var devices = scenario.GpuTypes.Select(g => (g.Name, Device: Device(g.Name))).Where(d => d.Device is not null).ToList();
            var lunar = scenario.Nodes.Where(n => scenario.Site(n.Site).Location != SiteLocation.Earth).Select(n => n.GpuType).FirstOrDefault(t => devices.Any(d => d.Name == t))
                ?? devices.Select(d => d.Name).FirstOrDefault()
                ?? throw new InvalidOperationException($"tenant {tenant.Name}: no GPU type of the scenario has a device model (H100, H200, A100, L40S)");
            var options = new PlanOptions(link, DeviceClass.Parse(model.PrefixDevice), devices.First(d => d.Name == lunar).Device!, model.Codecs);
            var plan = SplitPlanner.Plan(profile, options);
            var run = plan.Best.Cut.AllInPrefix ? plan.Candidates.Where(c => !c.Cut.AllInPrefix).MinBy(c => c.LatencySeconds) ?? plan.AllSuffix : plan.Best;
            plans.Add(new SplitPlanMetrics(tenant.Name, Path.GetFileName(graph.Source), link.Name, link.OneWayDelaySeconds, link.ForwardBitsPerSecond / 1e6,
                options.PrefixDevice.Name, options.SuffixDevice.Name, SplitCandidateMetrics.Of(run), SplitCandidateMetrics.Of(plan.Best),
                SplitCandidateMetrics.Of(plan.AllPrefix), SplitCandidateMetrics.Of(plan.AllSuffix), [.. plan.Candidates.Select(SplitCandidateMetrics.Of)],
                BandwidthSweep.Of(profile, options)));

            // The same cut on every GPU type: the suffix (and reading the reply) at a lunar node, the whole model at an Earth one.
            var remote = new Dictionary<string, IContinuousDistribution>(StringComparer.Ordinal);
            var local = new Dictionary<string, IContinuousDistribution>(StringComparer.Ordinal);
            foreach (var (name, device) in devices)
            {
                var on = options with { SuffixDevice = device! };
                var cost = SplitPlanner.Cost(profile, on, run.Cut, run.Codec);
                remote[name] = new ConstantDistribution(cost.SuffixSeconds + (cost.ReplySeconds - link.ReturnSeconds(cost.ReplyBytes)));
                local[name] = new ConstantDistribution(SplitPlanner.Cost(profile, on, Cut.Of(graph, []), run.Codec).SuffixSeconds);
            }

            var serving = tenant.Serving ?? ServingSpec.WholeRequests(new ReplicaSpec(1, 1, 1, AutoscaleMetric.Queue, double.NaN));
            return tenant with
            {
                Serving = serving with { GpuTypes = [.. (serving.GpuTypes ?? [.. remote.Keys]).Where(remote.ContainsKey)] },
                RequestBytes = run.SentBytes,
                ReplyBytes = run.ReplyBytes,
                PrefixSeconds = run.PrefixSeconds + run.EncodeSeconds,
                ServiceTimes = remote,
                LocalServiceTimes = local,
            };
        }).ToList();
        return (scenario with { Tenants = tenants }, plans);
    }

    private static DeviceClass? Device(string gpuType)
    {
        try
        {
            var device = DeviceClass.Parse(gpuType);
            return device.SpeedRatio is null ? device : null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
