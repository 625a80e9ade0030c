namespace Selene.Cluster.Scheduling.Profiles;

/// <summary>A <c>KubeSchedulerConfiguration</c> as Selene uses it: global node sampling, backoff and the profiles.</summary>
/// <param name="PercentageOfNodesToScore">0 for the adaptive default, else 1–100.</param>
/// <param name="InitialBackoff">Backoff after a pod's first failed attempt.</param>
/// <param name="MaxBackoff">The longest backoff.</param>
/// <param name="Profiles">Profiles by scheduler name; the first serves pods that name no scheduler.</param>
public sealed record SchedulerConfiguration(int PercentageOfNodesToScore, TimeSpan InitialBackoff, TimeSpan MaxBackoff, IReadOnlyList<SchedulerProfile> Profiles)
{
    /// <summary>kube-scheduler's defaults with Selene's full plugin set in one profile, <c>default-scheduler</c>.</summary>
    public static SchedulerConfiguration Default(PluginContext context) =>
        new(0, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), [PluginRegistry.DefaultProfile(context)]);

    /// <summary>The profile for a pod's <c>spec.schedulerName</c> (empty means <c>default-scheduler</c>), or null when no profile has that name.</summary>
    public SchedulerProfile? ProfileFor(string? schedulerName) =>
        Profiles.FirstOrDefault(p => p.SchedulerName == (string.IsNullOrEmpty(schedulerName) ? "default-scheduler" : schedulerName));
}
