using Selene.Ode.Problems;
using Selene.Ode.Sensitivity;

namespace Selene.Ode.Tests;

public class SensitivityTests
{
    // Lotka–Volterra with p = (a, b, c, d): x′ = ax − bxy, y′ = −cy + dxy (CVODES cvsLotkaVolterra_ASA).
    private static ParameterizedSystem LotkaVolterra(bool analytic) => new(
        2,
        [1.5, 1, 3, 1],
        (t, y, p, dy) =>
        {
            dy[0] = (p[0] * y[0]) - (p[1] * y[0] * y[1]);
            dy[1] = (-p[2] * y[1]) + (p[3] * y[0] * y[1]);
        },
        analytic
            ? (t, y, p, j) =>
            {
                j[0] = p[0] - (p[1] * y[1]);
                j[1] = -p[1] * y[0];
                j[2] = p[3] * y[1];
                j[3] = -p[2] + (p[3] * y[0]);
            }
            : null,
        analytic
            ? (t, y, p, j) =>
            {
                j[0] = y[0];
                j[1] = -y[0] * y[1];
                j[2] = 0;
                j[3] = 0;
                j[4] = 0;
                j[5] = 0;
                j[6] = -y[1];
                j[7] = y[0] * y[1];
            }
            : null);

    private static readonly OdeOptions s_tight = new() { RelativeTolerance = 1e-12, AbsoluteTolerance = 1e-14, MaxSteps = 1_000_000 };

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_Lotka_Volterra_loss_gradient_matches_the_CVODES_adjoint_example(bool analytic)
    {
        // ode-anchors A17: g = ‖1 − u(10)‖²/2 from u₀ = (1, 1): dg/du₀ = (0.2995996063968162, −0.01415181419752224),
        // dg/dp = (0.6219617366263422, 0.06800142188057584, 0.1691765070484725, 0.2725607530918812), good to ~1e-7.
        var result = ForwardSensitivity.Solve(LotkaVolterra(analytic), 0, 10, [1, 1], "dopri5", s_tight);
        var u = result.State;
        var (du0, dp) = result.Gradient([-(1 - u[0]), -(1 - u[1])]);

        double[] expectedU0 = [0.2995996063968162, -0.01415181419752224];
        double[] expectedP = [0.6219617366263422, 0.06800142188057584, 0.1691765070484725, 0.2725607530918812];
        var tolerance = analytic ? 2e-7 : 2e-6;
        for (var i = 0; i < 2; i++)
        {
            Assert.True(Math.Abs(du0[i] - expectedU0[i]) <= tolerance * Math.Max(1, Math.Abs(expectedU0[i])), $"dg/du0[{i}] = {du0[i]}");
        }

        for (var k = 0; k < 4; k++)
        {
            Assert.True(Math.Abs(dp[k] - expectedP[k]) <= tolerance, $"dg/dp[{k}] = {dp[k]}");
        }
    }

    [Fact]
    public void Sensitivities_match_central_differences_of_the_whole_solve()
    {
        var system = LotkaVolterra(analytic: true);
        var result = ForwardSensitivity.Solve(system, 0, 5, [1, 1], "tsit5", s_tight);
        const double h = 1e-5;
        for (var k = 0; k < 4; k++)
        {
            var plus = (double[])system.Parameters.Clone();
            var minus = (double[])system.Parameters.Clone();
            plus[k] += h;
            minus[k] -= h;
            var up = Ode.Solve(new OdeProblem(system.WithParameters(plus), 0, 5, [1, 1]), "tsit5", s_tight).FinalState;
            var down = Ode.Solve(new OdeProblem(system.WithParameters(minus), 0, 5, [1, 1]), "tsit5", s_tight).FinalState;
            for (var i = 0; i < 2; i++)
            {
                var difference = (up[i] - down[i]) / (2 * h);
                Assert.Equal(difference, result.WithRespectToParameters[(i * 4) + k], 5);
            }
        }
    }
}

public class ParameterFitTests
{
    [Fact]
    public void Lotka_Volterra_parameters_are_recovered_from_noisy_samples()
    {
        // Truth p = (1.5, 1, 3, 1); 40 samples on (0, 10] with Gaussian noise σ = 0.02; first guess 20–35 % off.
        var truth = new ParameterizedSystem(2, [1.5, 1, 3, 1], (t, y, p, dy) =>
        {
            dy[0] = (p[0] * y[0]) - (p[1] * y[0] * y[1]);
            dy[1] = (-p[2] * y[1]) + (p[3] * y[0] * y[1]);
        });
        var times = Enumerable.Range(1, 40).Select(i => i * 0.25).ToArray();
        var clean = Ode.Solve(new Selene.Ode.Problems.OdeProblem(truth, 0, 10, [1, 1]), "dopri5",
            new OdeOptions { OutputTimes = times, RelativeTolerance = 1e-11, AbsoluteTolerance = 1e-13 });
        var noise = new Random(2026);
        double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - noise.NextDouble())) * Math.Cos(2 * Math.PI * noise.NextDouble());
        var observations = Enumerable.Range(0, times.Length)
            .Select(i => clean.State(i).ToArray().Select(v => v + (0.02 * Gaussian())).ToArray()).ToList();

        var guess = truth.WithParameters([1.1, 0.75, 2.4, 0.8]);
        var fit = ParameterFit.LevenbergMarquardt(guess, 0, [1, 1], times, observations);

        Assert.True(fit.Cost < fit.InitialCost / 100, $"cost {fit.InitialCost} → {fit.Cost}");
        double[] expected = [1.5, 1, 3, 1];
        for (var k = 0; k < 4; k++)
        {
            Assert.True(Math.Abs(fit.Parameters[k] - expected[k]) < 0.03 * expected[k], $"p[{k}] = {fit.Parameters[k]}");
        }

        // At the optimum the residual is the noise: ½ Σ r² ≈ ½ · 80 · σ².
        Assert.InRange(fit.Cost, 0.5 * 80 * 0.02 * 0.02 * 0.5, 0.5 * 80 * 0.02 * 0.02 * 1.5);
    }
}

public class AdjointTests
{
    [Fact]
    public void The_checkpointed_adjoint_matches_the_CVODES_Lotka_Volterra_example()
    {
        // ode-anchors A17 (cvsLotkaVolterra_ASA: checkpoint every 5 steps, Hermite interpolation):
        // g = ‖1 − u(10)‖²/2, dg/du₀ = (0.2995996063968162, −0.01415181419752224),
        // dg/dp = (0.6219617366263422, 0.06800142188057584, 0.1691765070484725, 0.2725607530918812), good to ~1e-7.
        var model = Selene.Ode.Models.ModelLoader.LoadFile(Selene.Testing.RepositoryPaths.Of("examples/models/lotka-volterra.yaml"));
        var options = new OdeOptions { RelativeTolerance = 1e-12, AbsoluteTolerance = 1e-14, MaxSteps = 1_000_000 };
        var (_, du0, dp, checkpoints) = AdjointSensitivity.Gradient(model.ToParameterized(), 0, 10, model.InitialState,
            u => [-(1 - u[0]), -(1 - u[1])], "dopri5", options, checkpointEvery: 5);

        double[] expectedU0 = [0.2995996063968162, -0.01415181419752224];
        double[] expectedP = [0.6219617366263422, 0.06800142188057584, 0.1691765070484725, 0.2725607530918812];
        for (var i = 0; i < 2; i++)
        {
            Assert.True(Math.Abs(du0[i] - expectedU0[i]) <= 2e-7, $"dg/du0[{i}] = {du0[i]}");
        }

        for (var k = 0; k < 4; k++)
        {
            Assert.True(Math.Abs(dp[k] - expectedP[k]) <= 2e-7, $"dg/dp[{k}] = {dp[k]}");
        }

        Assert.True(checkpoints > 10, $"{checkpoints} checkpoints");
    }

    [Fact]
    public void Adjoint_and_forward_sensitivities_agree()
    {
        var model = Selene.Ode.Models.ModelLoader.LoadFile(Selene.Testing.RepositoryPaths.Of("examples/models/lotka-volterra.yaml"));
        var system = model.ToParameterized();
        var options = new OdeOptions { RelativeTolerance = 1e-11, AbsoluteTolerance = 1e-13, MaxSteps = 1_000_000 };
        // A loss weighting both states: L = 3 x(4) + y(4)².
        var forward = ForwardSensitivity.Solve(system, 0, 4, model.InitialState, "tsit5", options);
        var (fu0, fp) = forward.Gradient([3, 2 * forward.State[1]]);
        var (_, au0, ap, _) = AdjointSensitivity.Gradient(system, 0, 4, model.InitialState, u => [3, 2 * u[1]], "tsit5", options, checkpointEvery: 3);
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(fu0[i], au0[i], 6);
        }

        for (var k = 0; k < 4; k++)
        {
            Assert.Equal(fp[k], ap[k], 6);
        }
    }
}

public class AdjointAtTimesTests
{
    [Fact]
    public void A_loss_on_states_at_several_times_has_the_same_gradient_by_adjoint_and_by_forward_sensitivities()
    {
        // L = Σᵢ ½‖y(tᵢ) − dᵢ‖² over five times: the fitting loss of ParameterFitTests.
        var model = Selene.Ode.Models.ModelLoader.LoadFile(Selene.Testing.RepositoryPaths.Of("examples/models/lotka-volterra.yaml"));
        var system = model.ToParameterized();
        double[] times = [1, 2.5, 4, 5.5, 7];
        double[][] data = [[0.5, 2], [1.5, 0.5], [3, 1], [1, 3], [0.2, 0.2]];
        var options = new OdeOptions { RelativeTolerance = 1e-11, AbsoluteTolerance = 1e-13, MaxSteps = 1_000_000 };

        var (_, _, adjointP, _) = AdjointSensitivity.GradientAtTimes(system, 0, times, model.InitialState,
            (i, y) => [y[0] - data[i][0], y[1] - data[i][1]], "tsit5", options, checkpointEvery: 4);

        var forward = ForwardSensitivity.SolveAt(system, 0, times, model.InitialState, "tsit5", options);
        var expected = new double[4];
        for (var i = 0; i < times.Length; i++)
        {
            var (_, dp) = forward[i].Gradient([forward[i].State[0] - data[i][0], forward[i].State[1] - data[i][1]]);
            for (var k = 0; k < 4; k++)
            {
                expected[k] += dp[k];
            }
        }

        for (var k = 0; k < 4; k++)
        {
            Assert.Equal(expected[k], adjointP[k], 6);
        }
    }
}
