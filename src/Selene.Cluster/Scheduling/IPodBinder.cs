using Selene.Cluster.Scheduling.Framework;

namespace Selene.Cluster.Scheduling;

/// <summary>Where the scheduler's decisions go: the cluster store, an API server, or nowhere (a dry run).</summary>
public interface IPodBinder
{
    /// <summary>Binds the pod to the node (<c>pods/binding</c>); false when the bind was refused.</summary>
    bool Bind(PodInfo pod, string node);

    /// <summary>Evicts a preemption victim.</summary>
    void Evict(PodInfo victim, PodInfo preemptor);

    /// <summary>Records the node a pod is nominated to after preemption (<c>status.nominatedNodeName</c>).</summary>
    void Nominate(PodInfo pod, string node);
}
