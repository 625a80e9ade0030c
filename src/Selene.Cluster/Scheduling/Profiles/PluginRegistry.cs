using Selene.Cluster.Scheduling.Framework;
using Selene.Cluster.Scheduling.Plugins;
using Selene.Cluster.Scheduling.Space;

namespace Selene.Cluster.Scheduling.Profiles;

/// <summary>
/// The plugins Selene knows, in kube-scheduler's default order, with their default score weights
/// (<c>pkg/scheduler/apis/config/v1/default_plugins.go</c>: TaintToleration 3, NodeAffinity 2, PodTopologySpread 2,
/// InterPodAffinity 2, NodeResourcesFit 1, NodeResourcesBalancedAllocation 1) followed by Selene's space plugins.
/// </summary>
public static class PluginRegistry
{
    /// <summary>A plugin's name, default weight and factory.</summary>
    /// <param name="Name">The name in configuration.</param>
    /// <param name="Weight">Default score weight (0 for plugins that do not score).</param>
    /// <param name="Create">Builds the plugin from the context and its arguments.</param>
    /// <param name="Space">True for Selene's space plugins.</param>
    public sealed record Entry(string Name, long Weight, Func<PluginContext, PluginArguments, IPlugin> Create, bool Space = false);

    /// <summary>Every known plugin, in the order they run by default.</summary>
    public static IReadOnlyList<Entry> All { get; } =
    [
        new(nameof(NodeUnschedulable), 0, (_, _) => new NodeUnschedulable()),
        new(nameof(NodeName), 0, (_, _) => new NodeName()),
        new(nameof(TaintToleration), 3, (_, _) => new TaintToleration()),
        new(nameof(NodeAffinity), 2, (_, _) => new NodeAffinity()),
        new(nameof(NodeResourcesFit), 1, (c, a) => new NodeResourcesFit(c.Resources, a.ScoringStrategy)),
        new(nameof(PodTopologySpread), 2, (_, _) => new PodTopologySpread()),
        new(nameof(InterPodAffinity), 2, (_, _) => new InterPodAffinity()),
        new(nameof(DefaultPreemption), 0, (_, _) => new DefaultPreemption()),
        new(nameof(NodeResourcesBalancedAllocation), 1, (c, a) => new NodeResourcesBalancedAllocation(c.Resources, a.BalancedResources)),
        new(nameof(LatencyBudget), 2, (c, _) => new LatencyBudget(c.Environment), Space: true),
        new(nameof(LinkAvailability), 1, (c, _) => new LinkAvailability(c.Environment), Space: true),
        new(nameof(PowerHeadroom), 1, (c, _) => new PowerHeadroom(c.Environment, c.Resources.IndexOf("nvidia.com/gpu")), Space: true),
        new(nameof(RadiationRisk), 1, (c, _) => new RadiationRisk(c.Environment), Space: true),
        new(nameof(EnergyCost), 1, (c, a) => new EnergyCost(c.Environment, a.EnergyPrices), Space: true),
    ];

    /// <summary>The entry called <paramref name="name"/>, or null.</summary>
    public static Entry? Find(string name) => All.FirstOrDefault(e => e.Name == name);

    /// <summary>The default profile: every plugin, default weights and arguments.</summary>
    public static SchedulerProfile DefaultProfile(PluginContext context, string schedulerName = "default-scheduler") =>
        new(schedulerName, All.Select(e => (e.Create(context, PluginArguments.None), e.Weight)).ToList());

    /// <summary>Selene's space plugins only: what Selene adds as a kube-scheduler extender.</summary>
    public static SchedulerProfile SpaceProfile(PluginContext context, string schedulerName = "selene-extender") =>
        new(schedulerName, All.Where(e => e.Space).Select(e => (e.Create(context, PluginArguments.None), e.Weight)).ToList());

    /// <summary>Kubernetes' own default plugins only, without the space plugins.</summary>
    public static SchedulerProfile KubernetesProfile(PluginContext context, string schedulerName = "default-scheduler") =>
        new(schedulerName, All.Where(e => !e.Space).Select(e => (e.Create(context, PluginArguments.None), e.Weight)).ToList());
}

/// <summary>Plugin arguments from <c>pluginConfig</c>.</summary>
/// <param name="ScoringStrategy">NodeResourcesFit's <c>scoringStrategy</c>.</param>
/// <param name="BalancedResources">NodeResourcesBalancedAllocation's <c>resources</c>.</param>
/// <param name="EnergyPrices">EnergyCost's prices.</param>
public sealed record PluginArguments(ScoringStrategy? ScoringStrategy = null, IReadOnlyList<ResourceWeight>? BalancedResources = null, EnergyPrices? EnergyPrices = null)
{
    /// <summary>No arguments: every plugin's defaults.</summary>
    public static PluginArguments None { get; } = new();
}
