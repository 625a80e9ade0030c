namespace Selene.Cluster.Scheduling.Framework;

/// <summary>A plugin's verdict: a code and, when it is not a success, the reason in kube-scheduler's words.</summary>
/// <param name="Code">What happened.</param>
/// <param name="Reason">Why, for anything but <see cref="StatusCode.Success"/>.</param>
public readonly record struct Status(StatusCode Code, string? Reason)
{
    /// <summary>The plugin found nothing against the pod.</summary>
    public static Status Success => default;

    /// <summary>The plugin has nothing to do for this pod.</summary>
    public static Status Skip => new(StatusCode.Skip, null);

    /// <summary>True for <see cref="StatusCode.Success"/>.</summary>
    public bool IsSuccess => Code == StatusCode.Success;

    /// <summary>True for either unschedulable code.</summary>
    public bool IsRejection => Code is StatusCode.Unschedulable or StatusCode.UnschedulableAndUnresolvable;

    /// <summary>The pod does not fit now; preemption may help.</summary>
    public static Status Unschedulable(string reason) => new(StatusCode.Unschedulable, reason);

    /// <summary>The pod cannot fit and preemption will not help.</summary>
    public static Status Unresolvable(string reason) => new(StatusCode.UnschedulableAndUnresolvable, reason);

    /// <summary>An error that is not about fit.</summary>
    public static Status Failure(string reason) => new(StatusCode.Error, reason);

    /// <inheritdoc />
    public override string ToString() => IsSuccess ? "passed" : Reason ?? Code.ToString();
}
