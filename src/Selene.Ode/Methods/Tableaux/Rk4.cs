namespace Selene.Ode.Methods.Tableaux;

/// <summary>The classical fourth-order Runge–Kutta method, fixed step.</summary>
internal static class Rk4
{
    public static ButcherTableau Tableau { get; } = new()
    {
        Name = "rk4",
        Order = 4,
        C = [0, 1.0 / 2, 1.0 / 2, 1],
        A = [[], [1.0 / 2], [0, 1.0 / 2], [0, 0, 1]],
        B = [1.0 / 6, 1.0 / 3, 1.0 / 3, 1.0 / 6],
    };
}
