namespace Selene.Cluster.Autoscaling;

/// <summary>
/// The HPA's replica count for one per-pod metric, as kube-controller-manager computes it
/// (kubernetes/kubernetes pkg/controller/podautoscaler/replica_calculator.go, calcPlainMetricReplicas; shared
/// reference, serving anchors §5): the ratio of the ready pods' mean to the target; within the tolerance the count
/// stays; otherwise ⌈ratio × ready pods⌉. Pods with no metric count as at the target when scaling down and as 0 when
/// scaling up; unready pods count as 0 when scaling up; and if counting them that way brings the ratio within the
/// tolerance or turns its direction, the count stays.
/// </summary>
public static class ReplicaCalculator
{
    /// <summary>Kubernetes' default tolerance (--horizontal-pod-autoscaler-tolerance).</summary>
    public const double DefaultTolerance = 0.1;

    /// <summary>
    /// The recommended replicas for <paramref name="currentReplicas"/> whose ready pods report
    /// <paramref name="readyValues"/>, with <paramref name="unready"/> pods not ready yet and
    /// <paramref name="missing"/> ready pods without a metric.
    /// </summary>
    public static int Recommend(int currentReplicas, IReadOnlyList<double> readyValues, int unready, int missing, double target, double tolerance = DefaultTolerance)
    {
        ArgumentNullException.ThrowIfNull(readyValues);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(target);
        if (readyValues.Count == 0)
        {
            return currentReplicas; // no metrics: the HPA does not act (it reports an error)
        }

        var ratio = readyValues.Average() / target;
        var scaleUpWithUnready = unready > 0 && ratio > 1.0;
        if (!scaleUpWithUnready && missing == 0)
        {
            return Math.Abs(1.0 - ratio) <= tolerance ? currentReplicas : (int)Math.Ceiling(ratio * readyValues.Count);
        }

        // Missing pods at the target when scaling down, at 0 when scaling up; unready pods at 0 when scaling up.
        var sum = readyValues.Sum() + (ratio < 1.0 ? missing * target : 0);
        var count = readyValues.Count + missing + (scaleUpWithUnready ? unready : 0);
        var newRatio = sum / count / target;
        if (Math.Abs(1.0 - newRatio) <= tolerance || (ratio < 1.0 && newRatio > 1.0) || (ratio > 1.0 && newRatio < 1.0))
        {
            return currentReplicas;
        }

        var replicas = (int)Math.Ceiling(newRatio * count);
        return (newRatio < 1.0 && replicas > currentReplicas) || (newRatio > 1.0 && replicas < currentReplicas) ? currentReplicas : replicas;
    }
}
