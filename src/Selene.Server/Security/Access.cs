namespace Selene.Server.Security;

/// <summary>The authorization policies endpoints name: who may read, operate, review, or administer.</summary>
public static class Access
{
    /// <summary>Any role.</summary>
    public const string Read = "read";

    /// <summary>Operators and admins.</summary>
    public const string Operate = "operate";

    /// <summary>Reviewers and admins.</summary>
    public const string Review = "review";

    /// <summary>The roles each policy admits.</summary>
    public static IReadOnlyDictionary<string, Role[]> Roles { get; } = new Dictionary<string, Role[]>(StringComparer.Ordinal)
    {
        [Read] = [Role.Viewer, Role.Operator, Role.Reviewer, Role.Admin],
        [Operate] = [Role.Operator, Role.Admin],
        [Review] = [Role.Reviewer, Role.Admin],
    };
}
