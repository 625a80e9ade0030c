namespace Selene.Moderation.Policy;

/// <summary>What happens to an item.</summary>
public enum ModerationAction
{
    /// <summary>Published.</summary>
    Allow,

    /// <summary>Published with a label (for example, that it was generated).</summary>
    AllowWithLabel,

    /// <summary>Held for a person to decide.</summary>
    Review,

    /// <summary>Not published.</summary>
    Block,
}
