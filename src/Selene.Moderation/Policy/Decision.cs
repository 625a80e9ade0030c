namespace Selene.Moderation.Policy;

/// <summary>A decision and its statement of reasons.</summary>
/// <param name="Action">What happens to the item.</param>
/// <param name="Label">The label, for allowWithLabel.</param>
/// <param name="Rule">The rule that decided, or null when none held (the tenant's default).</param>
/// <param name="Automated">Whether a rule decided it, rather than a person.</param>
/// <param name="Reasons">Every rule looked at, in order, with the signal's value and whether it held.</param>
public sealed record Decision(ModerationAction Action, string? Label, string? Rule, bool Automated, IReadOnlyList<RuleEvaluation> Reasons);

/// <summary>One rule as it was looked at for an item.</summary>
/// <param name="Rule">The rule's name.</param>
/// <param name="Signal">The signal.</param>
/// <param name="Value">Its value for the item, or null when the item has none (the rule does not hold).</param>
/// <param name="Comparison">atMost, atLeast, below or above.</param>
/// <param name="Threshold">The threshold.</param>
/// <param name="Held">Whether it held.</param>
public sealed record RuleEvaluation(string Rule, string Signal, double? Value, string Comparison, double Threshold, bool Held);
