namespace Selene.Simulation.ControlPlane;

/// <summary>What the kubelet stand-in asks of the twin for a serving tenant's pods: start, ready, drain and stop their replicas.</summary>
internal interface IReplicaHost
{
    /// <summary>
    /// A pod's containers start on <paramref name="node"/>: true when its replica took its GPUs there and is loading.
    /// Pods are known by their UID (<paramref name="pod"/>), since a name comes back once its pod is gone.
    /// </summary>
    bool Started(string tenant, string pod, string name, string node);

    /// <summary>Seconds from a replica's start until its model is loaded and it is Ready.</summary>
    double LoadSeconds(string tenant);

    /// <summary>The pod is Ready: its replica joins the tenant's gateway pool.</summary>
    void Ready(string tenant, string pod);

    /// <summary>The pod's deletion reached its node: the replica leaves the pool and finishes what it has.</summary>
    void Stopping(string tenant, string pod);

    /// <summary>The pod is gone: whatever its replica still holds is interrupted and its GPUs are freed.</summary>
    void Stopped(string tenant, string pod, string reason);
}
