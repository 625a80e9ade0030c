using System.Globalization;
using System.Text.Json;
using Selene.Core.Errors;
using Selene.Ode;
using Selene.Ode.Methods;
using Selene.Ode.Models;
using Selene.Ode.Problems;
using Selene.Ode.Problems.BuiltIn;
using Selene.Ode.Solutions;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Selene.Cli.Commands;

/// <summary><c>selene ode solve --problem NAME --method M [--rtol R] [--atol A] [--t-end T] [--json]</c>.</summary>
internal sealed class OdeSolveCommand(CliConsoles consoles) : Command<OdeSolveSettings>
{
    public override int Execute(CommandContext context, OdeSolveSettings settings, CancellationToken cancellationToken)
    {
        var (builtIn, events) = settings.Problem is null ? FromModel(settings.Model!, settings.TEnd) : (BuiltInProblems.Get(settings.Problem), null);
        var problem = builtIn.Problem;
        if (settings.TEnd is { } end)
        {
            try
            {
                problem = new OdeProblem(problem.System, problem.T0, end, problem.Y0);
            }
            catch (ArgumentException e)
            {
                throw new InputException(InputDiagnostic.Error("--t-end", 0, 0, "--t-end", e.Message.Split(" (Parameter", 2)[0]));
            }
        }

        CheckMatrixMemory(settings, builtIn, problem.System.Dimension);
        OdeSolution solution;
        try
        {
            solution = Selene.Ode.Ode.Solve(problem, settings.Method, new OdeOptions
            {
                RelativeTolerance = settings.RelativeTolerance,
                AbsoluteTolerance = settings.AbsoluteTolerance,
                MaxSteps = settings.MaxSteps,
                DenseOutput = false,
                OutputTimes = [problem.T1],
                Events = events,
            });
        }
        catch (OdeSolveException e)
        {
            consoles.Errors.MarkupLineInterpolated($"[red]error: {builtIn.Name} with {settings.Method}: {e.Message}[/]");
            return SeleneApp.InternalFailure;
        }

        var y = solution.FinalState;
        var atEnd = settings.TEnd is null && builtIn.Reference.Length > 0;
        var errors = atEnd ? builtIn.Reference.Select((r, i) => Math.Abs(y[i] - r) / Math.Max(Math.Abs(r), 1e-300)).ToArray() : null;
        var stats = solution.Statistics;
        if (settings.Json)
        {
            var result = new
            {
                problem = builtIn.Name,
                method = settings.Method,
                rtol = settings.RelativeTolerance,
                atol = settings.AbsoluteTolerance,
                tEnd = problem.T1,
                state = y,
                reference = atEnd ? builtIn.Reference : null,
                relativeErrors = errors,
                tStopped = solution.EndTime,
                events = solution.Events.Select(e => new { name = e.Name, time = e.Time }).ToList(),
                statistics = new
                {
                    acceptedSteps = stats.AcceptedSteps,
                    rejectedSteps = stats.RejectedSteps,
                    rhsEvaluations = stats.RhsEvaluations,
                    jacobianEvaluations = stats.JacobianEvaluations,
                    luFactorizations = stats.LuFactorizations,
                    wallSeconds = stats.WallTime.TotalSeconds,
                },
            };
            consoles.RawOut.Write(JsonSerializer.Serialize(result, CliJson.Options) + "\n");
            return SeleneApp.Success;
        }

        var table = new Table().Title($"{builtIn.Name} with {settings.Method} to t = {F(problem.T1)}").AddColumns("state", "y(t end)", "reference", "relative error");
        for (var i = 0; i < y.Length; i++)
        {
            var hasReference = atEnd && i < builtIn.Reference.Length;
            table.AddRow(builtIn.StateNames?[i] ?? i.ToString(CultureInfo.InvariantCulture), F(y[i]), hasReference ? F(builtIn.Reference[i]) : "", hasReference ? errors![i].ToString("E2", CultureInfo.InvariantCulture) : "");
        }

        consoles.Out.Write(table);
        foreach (var e in solution.Events)
        {
            consoles.Out.MarkupLineInterpolated($"event {e.Name} at t = {F(e.Time)}");
        }

        consoles.Out.MarkupLineInterpolated(
            $"{stats.AcceptedSteps} steps accepted, {stats.RejectedSteps} rejected, {stats.RhsEvaluations} RHS evaluations, {stats.JacobianEvaluations} Jacobians, {stats.LuFactorizations} LU factorisations; {stats.WallTime.TotalMilliseconds:0.000} ms wall time.");
        return SeleneApp.Success;
    }

    /// <summary>A model file as a problem without a reference; its errors become input errors (exit 2).</summary>
    private static (BuiltInProblem Problem, IReadOnlyList<Selene.Ode.Events.OdeEvent> Events) FromModel(string path, double? tEnd)
    {
        var model = ModelLoader.LoadFile(path);
        if (model.T1 is null && tEnd is null)
        {
            throw new InputException(InputDiagnostic.Error(path, 0, 0, "span", "the model names no span; add span: [t0, t1] or pass --t-end"));
        }

        return (new BuiltInProblem(model.Name, model.Problem(t1: model.T1 ?? tEnd), [], Stiff: false, path) { StateNames = model.States }, model.Events);
    }

    // A stiff method on a large system needs n² doubles per dense matrix (a model keeps one more for its Jacobian):
    // 20,000 states are 3.2 GB a matrix. Refuse before allocating what the user did not mean to spend.
    private static void CheckMatrixMemory(OdeSolveSettings settings, BuiltInProblem problem, int dimension)
    {
        var matrices = MethodRegistry.DenseMatrices(settings.Method);
        if (matrices == 0)
        {
            return;
        }

        matrices += settings.Model is null ? 0 : 1;
        var bytes = (double)matrices * dimension * dimension * sizeof(double);
        if (bytes > settings.MaxMatrixMib * 1024.0 * 1024.0)
        {
            throw new InputException(InputDiagnostic.Error(settings.Model ?? problem.Name, 0, 0, "states", string.Create(CultureInfo.InvariantCulture,
                $"{dimension:N0} states with {settings.Method} need {matrices} dense {dimension:N0}×{dimension:N0} matrices, {bytes / (1024.0 * 1024.0 * 1024.0):0.0} GiB, over the limit of {settings.MaxMatrixMib:N0} MiB (--max-matrix-mib); use an explicit method such as dopri5, or raise the limit")));
        }
    }

    private static string F(double value) => value.ToString("G16", CultureInfo.InvariantCulture);
}
