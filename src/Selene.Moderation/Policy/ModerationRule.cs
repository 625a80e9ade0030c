namespace Selene.Moderation.Policy;

/// <summary>
/// One rule: when a signal compares with a threshold (<c>atMost</c>, <c>atLeast</c>, <c>below</c>, <c>above</c>),
/// take an action. Signals: <c>bankDistance</c> (bits to the nearest bank hash), <c>quality</c> (PDQ quality), and
/// any classifier score by its name.
/// </summary>
/// <param name="Name">The rule's name, quoted in decisions.</param>
/// <param name="Signal">The signal it reads.</param>
/// <param name="Comparison">atMost, atLeast, below or above.</param>
/// <param name="Threshold">The threshold.</param>
/// <param name="Action">The action when it holds.</param>
/// <param name="Label">For allowWithLabel: the label.</param>
public sealed record ModerationRule(string Name, string Signal, string Comparison, double Threshold, ModerationAction Action, string? Label)
{
    /// <summary>Whether <paramref name="value"/> satisfies the rule.</summary>
    public bool Holds(double value) => Comparison switch
    {
        "atMost" => value <= Threshold,
        "atLeast" => value >= Threshold,
        "below" => value < Threshold,
        _ => value > Threshold,
    };
}
