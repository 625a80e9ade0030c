using k8s.Models;

namespace Selene.Cluster.Taints;

/// <summary>
/// Kubernetes' taint and toleration rules (<c>k8s.io/api/core/v1/toleration.go</c>, <c>ToleratesTaint</c>):
/// an empty effect matches every effect, an empty key with <c>Exists</c> matches every taint,
/// <c>Equal</c> (the default operator) compares values, <c>Exists</c> ignores them, and <c>Lt</c> / <c>Gt</c>
/// (KEP-5471, alpha in v1.35) compare the taint's value with the toleration's as 64-bit integers — <c>Lt</c>
/// tolerates a taint whose value is below the toleration's — and tolerate nothing when either is not an integer.
/// </summary>
public static class TolerationMatcher
{
    /// <summary>The taint effects a pod must tolerate to be placed (PreferNoSchedule only lowers a score).</summary>
    public static bool IsHardEffect(string? effect) => effect is "NoSchedule" or "NoExecute";

    /// <summary>True when <paramref name="toleration"/> tolerates <paramref name="taint"/>.</summary>
    public static bool Tolerates(V1Toleration toleration, V1Taint taint)
    {
        ArgumentNullException.ThrowIfNull(toleration);
        ArgumentNullException.ThrowIfNull(taint);
        if (!string.IsNullOrEmpty(toleration.Effect) && toleration.Effect != taint.Effect)
        {
            return false;
        }

        if (!string.IsNullOrEmpty(toleration.Key) && toleration.Key != taint.Key)
        {
            return false;
        }

        return toleration.OperatorProperty switch
        {
            "Exists" => true,
            null or "" or "Equal" => (toleration.Value ?? "") == (taint.Value ?? ""),
            "Lt" => TryInteger(taint.Value, out var taintValue) && TryInteger(toleration.Value, out var limit) && taintValue < limit,
            "Gt" => TryInteger(taint.Value, out var taintValue) && TryInteger(toleration.Value, out var limit) && taintValue > limit,
            _ => false,
        };
    }

    /// <summary>
    /// The first NoSchedule or NoExecute taint that no toleration tolerates, or null when the pod may be placed.
    /// </summary>
    public static V1Taint? FirstUntolerated(IEnumerable<V1Taint> taints, IReadOnlyCollection<V1Toleration> tolerations)
    {
        ArgumentNullException.ThrowIfNull(taints);
        ArgumentNullException.ThrowIfNull(tolerations);
        return taints.FirstOrDefault(t => IsHardEffect(t.Effect) && !tolerations.Any(tol => Tolerates(tol, t)));
    }

    private static bool TryInteger(string? text, out long value) =>
        long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out value);

    /// <summary>Formats a taint as kubectl does: <c>key=value:Effect</c>.</summary>
    public static string Describe(V1Taint taint)
    {
        ArgumentNullException.ThrowIfNull(taint);
        return string.IsNullOrEmpty(taint.Value)
            ? $"{taint.Key}:{taint.Effect}"
            : $"{taint.Key}={taint.Value}:{taint.Effect}";
    }
}
