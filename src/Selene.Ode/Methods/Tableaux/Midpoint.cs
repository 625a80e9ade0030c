namespace Selene.Ode.Methods.Tableaux;

/// <summary>The explicit midpoint method, order 2, fixed step.</summary>
internal static class Midpoint
{
    public static ButcherTableau Tableau { get; } = new()
    {
        Name = "midpoint",
        Order = 2,
        C = [0, 1.0 / 2],
        A = [[], [1.0 / 2]],
        B = [0, 1],
    };
}
