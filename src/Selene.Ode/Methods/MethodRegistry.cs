using Selene.Ode.Methods.Tableaux;

namespace Selene.Ode.Methods;

/// <summary>The methods <see cref="Ode.Solve"/> knows, by name.</summary>
public static class MethodRegistry
{
    private static readonly Dictionary<string, ButcherTableau> s_methods = new[]
    {
        Euler.Tableau, Midpoint.Tableau, Rk4.Tableau, Bosh3.Tableau, Dopri5.Tableau, Tsit5.Tableau, Dop853.Tableau,
    }.ToDictionary(t => t.Name, StringComparer.Ordinal);

    private static readonly Dictionary<string, RosenbrockTableau> s_stiff = new[] { Rodas4.Tableau }
        .ToDictionary(t => t.Name, StringComparer.Ordinal);

    /// <summary>Every explicit method's name.</summary>
    public static IReadOnlyCollection<string> Names => s_methods.Keys;

    /// <summary>Every stiff method's name.</summary>
    public static IReadOnlyCollection<string> StiffNames => s_stiff.Keys;

    /// <summary>Every method name: explicit, stiff, then <c>auto</c>.</summary>
    public static IReadOnlyList<string> AllNames => [.. s_methods.Keys, .. s_stiff.Keys, "bdf", Ode.Auto];

    /// <summary>
    /// How many dense n×n matrices of doubles the method keeps (the Jacobian and its LU factors for the stiff methods and
    /// <c>auto</c>, which may switch to one; none for an explicit method), so a caller can tell the memory a solve needs
    /// before it starts.
    /// </summary>
    public static int DenseMatrices(string name) => s_methods.ContainsKey(name) ? 0 : 2;

    /// <summary>The stiff method called <paramref name="name"/>, or null when it is not a stiff method.</summary>
    public static RosenbrockTableau? GetStiff(string name) => s_stiff.GetValueOrDefault(name);

    /// <summary>The tableau called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No method has that name.</exception>
    public static ButcherTableau Get(string name) =>
        s_methods.TryGetValue(name, out var tableau)
            ? tableau
            : throw new ArgumentException($"unknown method '{name}'; methods are {string.Join(", ", AllNames)}", nameof(name));
}
