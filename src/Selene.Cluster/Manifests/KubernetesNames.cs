namespace Selene.Cluster.Manifests;

/// <summary>
/// Kubernetes' rules for object names (apimachinery's <c>validation.IsDNS1123Subdomain</c> and <c>IsDNS1123Label</c>):
/// most objects (pods, nodes, priority classes, quotas) are named by a DNS-1123 subdomain, at most 253 characters of
/// lower-case letters, digits, <c>-</c> and <c>.</c>, starting and ending with a letter or digit; a namespace by a
/// DNS-1123 label, at most 63 characters and no dots.
/// </summary>
public static class KubernetesNames
{
    /// <summary>Longest subdomain.</summary>
    public const int MaxSubdomain = 253;

    /// <summary>Longest label.</summary>
    public const int MaxLabel = 63;

    /// <summary>Why <paramref name="name"/> is not a DNS-1123 subdomain, or null when it is.</summary>
    public static string? SubdomainProblem(string? name) => Problem(name, MaxSubdomain, dots: true);

    /// <summary>Why <paramref name="name"/> is not a DNS-1123 label, or null when it is.</summary>
    public static string? LabelProblem(string? name) => Problem(name, MaxLabel, dots: false);

    private static string? Problem(string? name, int max, bool dots)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "a name is required";
        }

        var shown = name.Length > 40 ? name[..40] + "…" : name;
        if (name.Length > max)
        {
            return $"'{shown}' has {name.Length:N0} characters; a Kubernetes name has at most {max}";
        }

        static bool Alphanumeric(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);
        var valid = Alphanumeric(name[0]) && Alphanumeric(name[^1])
            && name.All(c => Alphanumeric(c) || c == '-' || (dots && c == '.'))
            && (!dots || !name.Split('.').Any(part => part.Length == 0 || !Alphanumeric(part[0]) || !Alphanumeric(part[^1])));
        return valid ? null
            : $"'{shown}' is not a valid Kubernetes name: lower-case letters, digits{(dots ? ", '-' and '.'" : " and '-'")}, starting and ending with a letter or digit (DNS-1123 {(dots ? "subdomain" : "label")})";
    }
}
