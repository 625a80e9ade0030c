namespace Selene.Ode.Methods.Tableaux;

/// <summary>
/// RODAS4, the stiffly accurate Rosenbrock method of order 4(3) of Hairer and Wanner (<i>Solving ODEs II</i>,
/// §VI.4, <c>rodas.f</c>), in the transformed form with coefficients as tabulated in OrdinaryDiffEq.jl's
/// <c>Rodas4Tableau</c>.
/// </summary>
internal static class Rodas4
{
    public static RosenbrockTableau Tableau { get; } = new()
    {
        Name = "rodas4",
        Order = 4,
        EmbeddedOrder = 3,
        Gamma = 0.25,
        Alpha = [0, 0.386, 0.21, 0.63, 1, 1],
        GammaSums = [0.25, -0.1043, 0.1035, -0.0362, 0, 0],
        A =
        [
            [],
            [1.544],
            [0.9466785280815826, 0.2557011698983284],
            [3.314825187068521, 2.896124015972201, 0.9986419139977817],
            [1.221224509226641, 6.019134481288629, 12.53708332932087, -0.687886036105895],
            [1.221224509226641, 6.019134481288629, 12.53708332932087, -0.687886036105895, 1],
        ],
        C =
        [
            [],
            [-5.6688],
            [-2.430093356833875, -0.2063599157091915],
            [-0.1073529058151375, -9.594562251023355, -20.47028614809616],
            [7.496443313967647, -10.24680431464352, -33.99990352819905, 11.7089089320616],
            [8.083246795921522, -7.981132988064893, -31.52159432874371, 16.31930543123136, -6.058818238834054],
        ],
    };
}
