using Selene.Core.Errors;
using Selene.Ode.Models;
using Selene.Ode.Problems;
using Selene.Ode.Sensitivity;
using Selene.Testing;

namespace Selene.Ode.Tests;

public class ModelTests
{
    private static OdeModel Example(string name) => ModelLoader.LoadFile(RepositoryPaths.Of($"examples/models/{name}.yaml"));

    [Fact]
    public void The_same_problem_as_a_YAML_model_and_in_CSharp_gives_identical_trajectories()
    {
        var model = Example("lotka-volterra");
        var csharp = new DelegateSystem(2, (t, y, dy) =>
        {
            dy[0] = (1.5 * y[0]) - (1 * y[0] * y[1]);
            dy[1] = (-3 * y[1]) + (1 * y[0] * y[1]);
        });
        var options = new OdeOptions { RelativeTolerance = 1e-9, AbsoluteTolerance = 1e-12 };
        var fromYaml = Ode.Solve(model.Problem(), "dopri5", options);
        var fromCode = Ode.Solve(new OdeProblem(csharp, 0, 10, [1, 1]), "dopri5", options);

        Assert.Equal(fromCode.Times, fromYaml.Times);
        for (var i = 0; i < fromCode.Times.Count; i++)
        {
            Assert.True(fromCode.State(i).SequenceEqual(fromYaml.State(i)), $"step {i} differs");
        }
    }

    [Fact]
    public void ROBER_as_a_model_is_solved_by_rodas4_with_its_symbolic_Jacobian()
    {
        var model = Example("rober");
        var solution = Ode.Solve(model.Problem(), "rodas4",
            new OdeOptions { RelativeTolerance = 1e-8, AbsoluteTolerances = [1e-16, 1e-20, 1e-16], MaxSteps = 1_000_000 });
        var y = solution.FinalState;
        Assert.True(Math.Abs(y[0] - 0.2083340149701255e-7) / 0.2083340149701255e-7 <= 1e-6, $"y1 = {y[0]}");
        Assert.True(Math.Abs(y[2] - 0.9999999791665050) <= 1e-6, $"y3 = {y[2]}");

        // The symbolic Jacobian agrees with the hand-written one of the built-in problem.
        var builtIn = (IJacobianSystem)Problems.BuiltIn.BuiltInProblems.Get("rober").Problem.System;
        double[] state = [0.7, 2e-5, 0.3];
        var symbolic = new double[9];
        var byHand = new double[9];
        model.Jacobian(0, state, symbolic);
        builtIn.Jacobian(0, state, byHand);
        for (var i = 0; i < 9; i++)
        {
            Assert.Equal(byHand[i], symbolic[i], 9);
        }
    }

    [Fact]
    public void Model_sensitivities_use_the_symbolic_parameter_Jacobian()
    {
        var model = Example("lotka-volterra");
        var result = ForwardSensitivity.Solve(model.ToParameterized(), 0, 10, model.InitialState, "dopri5",
            new OdeOptions { RelativeTolerance = 1e-12, AbsoluteTolerance = 1e-14, MaxSteps = 1_000_000 });
        var (_, dp) = result.Gradient([-(1 - result.State[0]), -(1 - result.State[1])]);
        double[] expected = [0.6219617366263422, 0.06800142188057584, 0.1691765070484725, 0.2725607530918812]; // ode-anchors A17
        for (var k = 0; k < 4; k++)
        {
            Assert.True(Math.Abs(dp[k] - expected[k]) <= 2e-7, $"dg/dp[{k}] = {dp[k]}");
        }
    }

    [Fact]
    public void Events_declared_in_a_model_change_the_state_like_events_written_in_CSharp()
    {
        // The same bouncing ball as EventTests: impacts at √(20/9.81), then each flight 0.9 × the one before.
        var model = Example("bouncing-ball");
        var solution = Ode.Solve(model.Problem(), "dopri5",
            new OdeOptions { RelativeTolerance = 1e-10, AbsoluteTolerance = 1e-12, Events = model.Events });
        var first = Math.Sqrt(2 * 10 / 9.81);
        Assert.Equal(first, solution.Events[0].Time, 7);
        Assert.Equal(first + (2 * 0.9 * first), solution.Events[1].Time, 7);
        Assert.All(solution.Events, e => Assert.Equal("impact", e.Name));
        Assert.True(solution.Events.Count >= 4);
    }

    [Theory]
    [InlineData("x^3", 2.0, 12.0)]
    [InlineData("exp(2*x)", 0.5, 5.43656365691809)]
    [InlineData("sin(x)*cos(x)", 0.3, 0.8253356149096783)]
    [InlineData("1/(1 + x^2)", 1.0, -0.5)]
    [InlineData("sqrt(x)", 4.0, 0.25)]
    [InlineData("log(x)*x", 2.0, 1.6931471805599454)]
    [InlineData("x^x", 2.0, 6.772588722239781)]
    [InlineData("tanh(x)", 0.0, 1.0)]
    [InlineData("max(x, 1)", 2.0, 1.0)]
    [InlineData("-x^2", 3.0, -6.0)]
    public void Derivatives_are_exact(string expression, double x, double derivative)
    {
        var names = new HashSet<string> { "x", "t" };
        var d = Differentiator.Derivative(ExpressionParser.Parse(expression, names), "x");
        var compiled = ExpressionCompiler.Compile([d], new Dictionary<string, int> { ["x"] = 0 }, new Dictionary<string, int>());
        var output = new double[1];
        compiled(0, [x], [], output);
        Assert.Equal(derivative, output[0], 12);
    }

    [Fact]
    public void A_sum_of_200_000_terms_and_a_product_of_1_000_factors_compile_with_their_exact_jacobians()
    {
        var sum = string.Join(" + ", Enumerable.Range(0, 200_000).Select(i => i % 2 == 0 ? "x" : "2*y")) + " - 100000*y";
        var product = string.Join(" * ", Enumerable.Repeat("x", 500)) + " / " + string.Join(" / ", Enumerable.Repeat("x", 500));
        var model = ModelLoader.Parse($"name: long\nstates: {{ x: 3, y: 5 }}\nrhs:\n  dx: {sum}\n  dy: {product}\n", "long.yaml");

        var f = new double[2];
        model.Rhs(0, [3, 5], f);
        Assert.Equal((100_000 * 3) + (100_000 * 5), f[0]);
        Assert.Equal(1, f[1], 12);
        var jacobian = new double[4];
        model.Jacobian(0, [3, 5], jacobian);
        Assert.Equal((100_000, 100_000), (jacobian[0], jacobian[1]));
        Assert.Equal(0, jacobian[2], 9);
    }

    [Fact]
    public void Unary_minus_binds_looser_than_a_power_as_in_mathematics()
    {
        var names = new HashSet<string> { "x", "t" };
        var compiled = ExpressionCompiler.Compile([ExpressionParser.Parse("-x^2 + 2^-1", names)], new Dictionary<string, int> { ["x"] = 0 }, new Dictionary<string, int>());
        var output = new double[1];
        compiled(0, [3], [], output);
        Assert.Equal(-9 + 0.5, output[0]);
    }

    public static TheoryData<string, string, string, int, int, string> BadModels => new()
    {
        { "a misplaced operator", "dy1: -k1*y1 + k3*y2*y3", "dy1: -k1*y1 + * y2", 6, 17, "unexpected '*'" },
        { "an unknown name", "dy1: -k1*y1 + k3*y2*y3", "dy1: -k1*y1 + k9*y2", 6, 17, "unknown name 'k9'" },
        { "an unknown function", "dy3: k2*y2^2", "dy3: k2*erf(y2)", 8, 11, "unknown function 'erf'" },
        { "an unclosed parenthesis", "dy3: k2*y2^2", "dy3: k2*(y2^2", 8, 16, "missing ')'" },
        { "a right-hand side for no state", "dy3: k2*y2^2", "dy3: k2*y2^2\n  dy4: 0", 9, 3, "no state 'y4'" },
        { "a state without a right-hand side", "  dy3: k2*y2^2\n", "", 6, 3, "has no right-hand side" },
        { "an unknown top-level key", "span: [0, 1e11]", "spam: [0, 1e11]", 9, 1, "unknown key 'spam'" },
        { "20,000 nested parentheses, named where the 65th opens", "dy3: k2*y2^2", "dy3: " + new string('(', 20_000) + "y2" + new string(')', 20_000), 8, 8 + 64, "nested more than 64 levels deep" },
        { "20,000 signs in a row", "dy3: k2*y2^2", "dy3: y2 * " + new string('-', 20_000) + "y2", 8, 8 + 5 + 64, "nested more than 64 levels deep" },
        { "a parameter that is not a number", "k1: 0.04", "k1: fast", 4, 19, "expected a finite number" },
        { "a span of zero length", "span: [0, 1e11]", "span: [5, 5]", 9, 7, "two different finite numbers" },
        { "an event with a bad expression", "span: [0, 1e11]", "span: [0, 1e11]\nevents:\n  - name: e\n    when: y1 - )", 12, 16, "unexpected ')'" },
        { "an event that sets no state", "span: [0, 1e11]", "span: [0, 1e11]\nevents:\n  - when: y1\n    set: { y9: 0 }", 12, 12, "no state 'y9'" },
        { "an event with an unknown direction", "span: [0, 1e11]", "span: [0, 1e11]\nevents:\n  - when: y1\n    direction: up", 12, 16, "expected rising, falling or both" },
    };

    [Theory]
    [MemberData(nameof(BadModels))]
    public void A_malformed_model_is_a_clear_error_naming_line_and_column(string because, string find, string replace, int line, int column, string message)
    {
        var text = File.ReadAllText(RepositoryPaths.Of("examples/models/rober.yaml"));
        Assert.Contains(find, text, StringComparison.Ordinal);
        var error = Assert.Single(Assert.Throws<InputException>(() => ModelLoader.Parse(text.Replace(find, replace, StringComparison.Ordinal), "bad.yaml")).Errors);
        Assert.True(error.Line == line && error.Column == column && error.Message.Contains(message, StringComparison.Ordinal),
            $"{because}: got {error.Message} at {error.Line}:{error.Column}");
    }
}
