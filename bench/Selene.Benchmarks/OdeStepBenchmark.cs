using BenchmarkDotNet.Attributes;
using Selene.Ode;
using Selene.Ode.Problems.BuiltIn;

namespace Selene.Benchmarks;

/// <summary>
/// dopri5 on Lotka–Volterra and Pleiades without dense output: the allocated bytes per solve must not grow
/// with the number of steps (work arrays are allocated once per solve).
/// </summary>
[MemoryDiagnoser]
public class OdeStepBenchmark
{
    [Params("lotka-volterra", "pleiades")]
    public string Problem { get; set; } = "";

    [Params(1e-6, 1e-10)]
    public double Tolerance { get; set; }

    [Benchmark]
    public long Solve()
    {
        var problem = BuiltInProblems.Get(Problem);
        var solution = Selene.Ode.Ode.Solve(problem.Problem, "dopri5", new OdeOptions
        {
            RelativeTolerance = Tolerance,
            AbsoluteTolerance = Tolerance,
            DenseOutput = false,
            OutputTimes = [problem.Problem.T1],
        });
        return solution.Statistics.AcceptedSteps;
    }
}
