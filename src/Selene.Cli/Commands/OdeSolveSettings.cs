using System.ComponentModel;
using Selene.Ode.Methods;
using Selene.Ode.Problems.BuiltIn;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Selene.Cli.Commands;

/// <summary>Arguments of <c>selene ode solve</c>.</summary>
internal sealed class OdeSolveSettings : CommandSettings
{
    [CommandOption("--problem <NAME>")]
    [Description("Built-in problem: lotka-volterra, arenstorf, pleiades, rober, hires, vdpol, vdpol-mu1000, orego.")]
    public string? Problem { get; init; }

    [CommandOption("--model <FILE>")]
    [Description("A model file (YAML: states, parameters, rhs expressions, span); see examples/models/.")]
    public string? Model { get; init; }

    [CommandOption("--method <M>")]
    [Description("euler, midpoint, rk4 (fixed step); bosh3, dopri5, tsit5, dop853 (adaptive); rodas4, bdf (stiff); auto (dopri5, then rodas4 once stiff).")]
    public string Method { get; init; } = "dopri5";

    [CommandOption("--rtol <R>")]
    [Description("Relative tolerance.")]
    [DefaultValue(1e-6)]
    public double RelativeTolerance { get; init; } = 1e-6;

    [CommandOption("--atol <A>")]
    [Description("Absolute tolerance.")]
    [DefaultValue(1e-9)]
    public double AbsoluteTolerance { get; init; } = 1e-9;

    [CommandOption("--t-end <T>")]
    [Description("End time, overriding the problem's.")]
    public double? TEnd { get; init; }

    [CommandOption("--max-steps <N>")]
    [Description("Step limit.")]
    [DefaultValue(1_000_000)]
    public int MaxSteps { get; init; } = 1_000_000;

    [CommandOption("--max-matrix-mib <MIB>")]
    [Description("Most memory the stiff methods' dense matrices (Jacobian and LU factors, n×n each) may take; a larger problem is refused before it starts.")]
    [DefaultValue(2048)]
    public int MaxMatrixMib { get; init; } = 2048;

    [CommandOption("--json")]
    [Description("Print the result as JSON.")]
    public bool Json { get; init; }

    public override ValidationResult Validate()
    {
        if ((Problem is null) == (Model is null))
        {
            return ValidationResult.Error("give either --problem (one of " + string.Join(", ", BuiltInProblems.All.Select(p => p.Name)) + ") or --model FILE");
        }

        if (Problem is not null && !BuiltInProblems.All.Any(p => p.Name == Problem))
        {
            return ValidationResult.Error($"--problem: unknown problem '{Problem}'; problems are " + string.Join(", ", BuiltInProblems.All.Select(p => p.Name)));
        }

        if (!MethodRegistry.AllNames.Contains(Method))
        {
            return ValidationResult.Error($"--method: unknown method '{Method}'; methods are " + string.Join(", ", MethodRegistry.AllNames));
        }

        if (!(RelativeTolerance is > 0 and < 1) || !(AbsoluteTolerance > 0) || !double.IsFinite(AbsoluteTolerance))
        {
            return ValidationResult.Error("--rtol must be in (0, 1) and --atol positive");
        }

        if (MaxSteps < 1)
        {
            return ValidationResult.Error("--max-steps: must be at least 1");
        }

        if (MaxMatrixMib < 1)
        {
            return ValidationResult.Error("--max-matrix-mib: must be at least 1");
        }

        return TEnd is { } end && !double.IsFinite(end)
            ? ValidationResult.Error("--t-end: must be a finite time")
            : ValidationResult.Success();
    }
}
