namespace Selene.Ode.Methods.Tableaux;

/// <summary>Bogacki–Shampine 3(2), FSAL (Applied Mathematics Letters 2(4), 1989).</summary>
internal static class Bosh3
{
    public static ButcherTableau Tableau { get; } = new()
    {
        Name = "bosh3",
        Order = 3,
        EmbeddedOrder = 2,
        Fsal = true,
        C = [0, 1.0 / 2, 3.0 / 4, 1],
        A = [[], [1.0 / 2], [0, 3.0 / 4], [2.0 / 9, 1.0 / 3, 4.0 / 9]],
        B = [2.0 / 9, 1.0 / 3, 4.0 / 9, 0],
        E = [(2.0 / 9) - (7.0 / 24), (1.0 / 3) - (1.0 / 4), (4.0 / 9) - (1.0 / 3), -1.0 / 8],
    };
}
