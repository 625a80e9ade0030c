namespace Selene.Ode.Problems.BuiltIn;

/// <summary>A named test problem with its published reference end state.</summary>
/// <param name="Name">Name, as <c>selene ode solve --problem</c> takes it.</param>
/// <param name="Problem">System, span and initial state.</param>
/// <param name="Reference">Reference state at the end of the span.</param>
/// <param name="Stiff">Whether the problem needs a stiff method.</param>
/// <param name="Source">Where the reference comes from.</param>
public sealed record BuiltInProblem(string Name, OdeProblem Problem, double[] Reference, bool Stiff, string Source)
{
    /// <summary>Names of the states, when they have names (a model's); null for numbered states.</summary>
    public IReadOnlyList<string>? StateNames { get; init; }
}
