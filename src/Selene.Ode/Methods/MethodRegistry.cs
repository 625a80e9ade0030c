using Selene.Ode.Methods.Tableaux;

namespace Selene.Ode.Methods;

/// <summary>The methods <see cref="Ode.Solve"/> knows, by name.</summary>
public static class MethodRegistry
{
    private static readonly Dictionary<string, ButcherTableau> s_methods = new[]
    {
        Euler.Tableau, Midpoint.Tableau, Rk4.Tableau, Bosh3.Tableau, Dopri5.Tableau, Tsit5.Tableau,
    }.ToDictionary(t => t.Name, StringComparer.Ordinal);

    /// <summary>Every method name.</summary>
    public static IReadOnlyCollection<string> Names => s_methods.Keys;

    /// <summary>The tableau called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No method has that name.</exception>
    public static ButcherTableau Get(string name) =>
        s_methods.TryGetValue(name, out var tableau)
            ? tableau
            : throw new ArgumentException($"unknown method '{name}'; methods are {string.Join(", ", s_methods.Keys)}", nameof(name));
}
