using Selene.Ode.Methods;
using Selene.Ode.Models;
using Selene.Testing;

namespace Selene.Ode.Tests;

/// <summary>
/// The bouncing ball of examples/models/bouncing-ball.yaml against its closed form: dropped from h₀ = 10 m it lands at
/// t₁ = √(2h₀/g) with speed v₁ = g t₁; after impact k it rebounds at eᵏ v₁ and lands again 2 eᵏ v₁ / g later, until
/// a rebound would be slower than restSpeed and it rests. Every impact must be found, after every state change,
/// by every adaptive method, and the ball must never be below the floor.
/// </summary>
public sealed class BouncingBallTests
{
    private const double G = 9.81;
    private const double H0 = 10;
    private const double RestSpeed = 0.001;

    public static TheoryData<string, double> Cases()
    {
        var cases = new TheoryData<string, double>();
        foreach (var method in MethodRegistry.Names.Where(m => m is not ("euler" or "midpoint" or "rk4")).Concat(MethodRegistry.StiffNames).Append("bdf").Append(Ode.Auto))
        {
            cases.Add(method, 0.8);
            cases.Add(method, 0.5);
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_impact_over_100_s_is_at_its_closed_form_time_and_the_ball_never_goes_below_the_floor(string method, double restitution)
    {
        var text = File.ReadAllText(RepositoryPaths.Of("examples/models/bouncing-ball.yaml")).Replace("restitution: 0.9", $"restitution: {restitution}", StringComparison.Ordinal);
        var model = ModelLoader.Parse(text, "bouncing-ball.yaml");
        var solution = Ode.Solve(model.Problem(t1: 100), method,
            new OdeOptions { RelativeTolerance = 1e-10, AbsoluteTolerance = 1e-12, Events = model.Events, DenseOutput = true, MaxSteps = 200_000 });

        var expected = ClosedForm(restitution);
        var found = solution.Events.Select(e => e.Time).ToList();
        Assert.True(expected.Count == found.Count, $"{method}, e = {restitution}: {found.Count} impacts, the closed form has {expected.Count}");
        for (var k = 0; k < expected.Count; k++)
        {
            Assert.True(Math.Abs(found[k] - expected[k]) <= 1e-6, $"{method}, e = {restitution}: impact {k + 1} at {found[k]}, closed form {expected[k]}");
        }

        var y = new double[3];
        for (var t = 0.0; t <= 100; t += 0.001)
        {
            solution.Evaluate(t, y);
            Assert.True(y[0] >= -1e-9, $"{method}, e = {restitution}: h = {y[0]} at t = {t}");
        }

        Assert.True(solution.FinalState[0] is >= -1e-9 and <= 1e-9 && solution.FinalState[1] == 0, $"{method}: at rest at the end, not h = {solution.FinalState[0]}, v = {solution.FinalState[1]}");
    }

    private static List<double> ClosedForm(double restitution)
    {
        var t = Math.Sqrt(2 * H0 / G);
        var speed = G * t;
        var impacts = new List<double> { t };
        while (restitution * speed > RestSpeed)
        {
            speed *= restitution;
            t += 2 * speed / G;
            impacts.Add(t);
        }

        return impacts;
    }
}
