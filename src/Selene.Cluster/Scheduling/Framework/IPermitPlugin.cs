namespace Selene.Cluster.Scheduling.Framework;

/// <summary>Approves, denies or delays binding the pod to the chosen node.</summary>
public interface IPermitPlugin : IPlugin
{
    /// <summary>Success to approve, a rejection to deny, or <see cref="StatusCode.Wait"/> with how long to wait.</summary>
    (Status Status, TimeSpan Wait) Permit(CycleState state, PodInfo pod, NodeInfo node);
}
