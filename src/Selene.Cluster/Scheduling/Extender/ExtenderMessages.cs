using k8s.Models;

namespace Selene.Cluster.Scheduling.Extender;

/// <summary>
/// kube-scheduler's <c>ExtenderArgs</c> (<c>k8s.io/kube-scheduler/extender/v1</c>): the pod and either the
/// candidate nodes (<c>Nodes</c>) or, for a <c>nodeCacheCapable</c> extender, their names (<c>NodeNames</c>).
/// </summary>
/// <param name="Pod">The pod being scheduled.</param>
/// <param name="Nodes">The candidate nodes, when the extender is not node-cache capable.</param>
/// <param name="NodeNames">The candidate node names, when it is.</param>
public sealed record ExtenderArgs(V1Pod Pod, V1NodeList? Nodes, IReadOnlyList<string>? NodeNames);

/// <summary><c>ExtenderFilterResult</c>: the nodes that passed, and why each other node failed.</summary>
/// <param name="Nodes">Passing nodes, answered in the shape they were asked in (objects).</param>
/// <param name="NodeNames">Passing node names, when names were asked.</param>
/// <param name="FailedNodes">Rejected nodes a preemption might still help.</param>
/// <param name="FailedAndUnresolvableNodes">Rejected nodes no preemption can help.</param>
/// <param name="Error">Empty, or why the filter could not run.</param>
public sealed record ExtenderFilterResult(
    V1NodeList? Nodes,
    IReadOnlyList<string>? NodeNames,
    IReadOnlyDictionary<string, string> FailedNodes,
    IReadOnlyDictionary<string, string> FailedAndUnresolvableNodes,
    string Error);

/// <summary>One entry of a <c>HostPriorityList</c>: a node and its score from 0 to 10.</summary>
/// <param name="Host">The node name.</param>
/// <param name="Score">0 to 10 (<c>MaxExtenderPriority</c>).</param>
public sealed record HostPriority(string Host, long Score);

/// <summary><c>ExtenderBindingArgs</c>: bind this pod to this node.</summary>
/// <param name="PodName">The pod's name.</param>
/// <param name="PodNamespace">The pod's namespace.</param>
/// <param name="PodUID">The pod's uid.</param>
/// <param name="Node">The node.</param>
public sealed record ExtenderBindingArgs(string PodName, string PodNamespace, string PodUID, string Node);

/// <summary><c>ExtenderBindingResult</c>: empty on success.</summary>
/// <param name="Error">Why the binding failed, or empty.</param>
public sealed record ExtenderBindingResult(string Error);
