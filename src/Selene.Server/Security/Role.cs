namespace Selene.Server.Security;

/// <summary>What a token may do.</summary>
public enum Role
{
    /// <summary>Read: nodes, subscriptions, the review backlog, audit records.</summary>
    Viewer,

    /// <summary>Read, and operate the cluster: the scheduler extender, webhook subscriptions and events, uploads to moderate.</summary>
    Operator,

    /// <summary>Read, and decide review items.</summary>
    Reviewer,

    /// <summary>Everything.</summary>
    Admin,
}
