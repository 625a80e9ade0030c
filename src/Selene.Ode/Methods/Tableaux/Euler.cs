namespace Selene.Ode.Methods.Tableaux;

/// <summary>The forward Euler method, order 1, fixed step.</summary>
internal static class Euler
{
    public static ButcherTableau Tableau { get; } = new()
    {
        Name = "euler",
        Order = 1,
        C = [0],
        A = [[]],
        B = [1],
    };
}
