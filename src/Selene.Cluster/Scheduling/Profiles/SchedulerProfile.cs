using Selene.Cluster.Scheduling.Framework;

namespace Selene.Cluster.Scheduling.Profiles;

/// <summary>One scheduler profile: its name and the plugins at each extension point, in the order they run.</summary>
public sealed class SchedulerProfile
{
    /// <summary>Creates a profile from an ordered list of plugins and their score weights, each at every extension point it implements.</summary>
    public SchedulerProfile(string schedulerName, IReadOnlyList<(IPlugin Plugin, long Weight)> plugins, int? percentageOfNodesToScore = null)
        : this(schedulerName, plugins, (_, _) => true, percentageOfNodesToScore)
    {
    }

    /// <summary>Creates a profile where <paramref name="enabledAt"/> says whether a plugin runs at an extension point (<c>filter</c>, <c>score</c>, …).</summary>
    public SchedulerProfile(string schedulerName, IReadOnlyList<(IPlugin Plugin, long Weight)> plugins, Func<string, IPlugin, bool> enabledAt, int? percentageOfNodesToScore = null)
    {
        ArgumentNullException.ThrowIfNull(plugins);
        ArgumentNullException.ThrowIfNull(enabledAt);
        SchedulerName = schedulerName;
        PercentageOfNodesToScore = percentageOfNodesToScore;
        Plugins = plugins.Select(p => p.Plugin).ToList();
        T[] At<T>(string point) => plugins.Select(p => p.Plugin).OfType<T>().Where(p => enabledAt(point, (IPlugin)p!)).ToArray();
        PreFilter = At<IPreFilterPlugin>("preFilter");
        Filter = At<IFilterPlugin>("filter");
        PostFilter = At<IPostFilterPlugin>("postFilter");
        PreScore = At<IPreScorePlugin>("preScore");
        Score = plugins.Where(p => p.Plugin is IScorePlugin && enabledAt("score", p.Plugin)).Select(p => ((IScorePlugin)p.Plugin, Math.Max(1, p.Weight))).ToArray();
        Reserve = At<IReservePlugin>("reserve");
        Permit = At<IPermitPlugin>("permit");
        Bind = At<IBindPlugin>("bind");
    }

    /// <summary>The name pods select the profile by (<c>spec.schedulerName</c>).</summary>
    public string SchedulerName { get; }

    /// <summary>The profile's own <c>percentageOfNodesToScore</c>, overriding the global one when set.</summary>
    public int? PercentageOfNodesToScore { get; }

    /// <summary>Every plugin, in order.</summary>
    public IReadOnlyList<IPlugin> Plugins { get; }

    /// <summary>PreFilter plugins.</summary>
    public IReadOnlyList<IPreFilterPlugin> PreFilter { get; }

    /// <summary>Filter plugins, in the order they run (the first rejection ends a node's evaluation).</summary>
    public IReadOnlyList<IFilterPlugin> Filter { get; }

    /// <summary>PostFilter plugins.</summary>
    public IReadOnlyList<IPostFilterPlugin> PostFilter { get; }

    /// <summary>PreScore plugins.</summary>
    public IReadOnlyList<IPreScorePlugin> PreScore { get; }

    /// <summary>Score plugins and their weights.</summary>
    public IReadOnlyList<(IScorePlugin Plugin, long Weight)> Score { get; }

    /// <summary>Reserve plugins.</summary>
    public IReadOnlyList<IReservePlugin> Reserve { get; }

    /// <summary>Permit plugins.</summary>
    public IReadOnlyList<IPermitPlugin> Permit { get; }

    /// <summary>Bind plugins.</summary>
    public IReadOnlyList<IBindPlugin> Bind { get; }
}
