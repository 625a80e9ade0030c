namespace Selene.Cluster.Scheduling.Framework;

/// <summary>The outcome of a plugin at an extension point, as in kube-scheduler's framework.</summary>
public enum StatusCode
{
    /// <summary>The plugin ran and found nothing against the pod.</summary>
    Success,

    /// <summary>Something went wrong that is not the pod's or the node's fault.</summary>
    Error,

    /// <summary>The pod does not fit the node now; preemption may help.</summary>
    Unschedulable,

    /// <summary>The pod cannot fit the node and preemption will not help (a taint, a selector).</summary>
    UnschedulableAndUnresolvable,

    /// <summary>A Permit plugin asks the pod to wait.</summary>
    Wait,

    /// <summary>The plugin has nothing to do for this pod; its later extension points are skipped.</summary>
    Skip,
}
