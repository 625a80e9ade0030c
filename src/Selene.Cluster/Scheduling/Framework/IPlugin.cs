namespace Selene.Cluster.Scheduling.Framework;

/// <summary>A scheduling plugin. It implements one or more of the extension-point interfaces.</summary>
public interface IPlugin
{
    /// <summary>The name a <c>KubeSchedulerConfiguration</c> uses for it.</summary>
    string Name { get; }
}
