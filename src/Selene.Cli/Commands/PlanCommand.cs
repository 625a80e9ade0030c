using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Selene.Core.Errors;
using Selene.Simulation.Planning;
using Selene.Simulation.Sweeps;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Selene.Cli.Commands;

/// <summary>
/// <c>selene plan FILE [--out DIR] [-j N] [--json]</c>: the cheapest configuration that meets the constraints, found by
/// simulation, each candidate a small sweep through the local executor. Writes the chosen scenario (chosen/scenario.yaml
/// with its manifests), plan-result.json, candidates.csv and plan-report.html. Exit 0 with an answer, 1 when no
/// configuration within the decisions' values meets the constraints, 2 on bad input.
/// </summary>
internal sealed class PlanCommand(CliConsoles consoles) : Command<PlanSettings>
{
    public override int Execute(CommandContext context, PlanSettings settings, CancellationToken cancellationToken)
    {
        var spec = PlanReader.LoadFile(settings.File);
        OutputPath.PrepareFolder(settings.Out, "--out");
        var jobs = settings.Jobs ?? Environment.ProcessorCount;
        var clock = Stopwatch.StartNew();
        var ran = 0;
        using var executor = new LocalSweepExecutor(Path.Combine(settings.Out, Planner.SweepFileName), settings.Out, jobs);
        var outcome = Planner.Run(spec, settings.Out, SeleneApp.Version,
            todo => ran += todo.Count - executor.Run(todo, () => { }),
            candidate =>
            {
                if (!settings.Json)
                {
                    consoles.Out.MarkupLineInterpolated(
                        $"  {string.Join(", ", candidate.Values.Select((v, d) => $"{spec.Decisions[d].Path} = {v}"))}: cost {F(candidate.Cost)}, {Verdict(candidate)}");
                }
            });
        var reused = outcome.Candidates.Sum(c => c.Runs) + (outcome.Verification?.Runs ?? 0) - ran;
        Write(outcome, settings.Out);
        if (settings.Json)
        {
            consoles.RawOut.Write(File.ReadAllText(Path.Combine(settings.Out, "plan-result.json")));
        }
        else
        {
            Summarise(outcome, settings.Out, $"{outcome.Candidates.Count} of {outcome.GridSize} configurations evaluated, {outcome.Seeds.Count} seeds each: {ran} runs, {reused} reused from {settings.Out}, in {clock.Elapsed.TotalSeconds:0.0} s, {jobs} at once.");
        }

        return outcome.Chosen is null ? SeleneApp.InternalFailure : SeleneApp.Success;
    }

    private static void Write(PlanOutcome outcome, string folder)
    {
        if (outcome.Chosen is { } chosen)
        {
            var scenario = PlanSweep.Scenario(outcome.Spec, [.. chosen.Indexes]);
            var target = Path.Combine(folder, "chosen");
            Directory.CreateDirectory(Path.Combine(target, "manifests"));
            foreach (var (name, text) in scenario.Manifests)
            {
                SweepWorker.WriteAtomically(Path.Combine(target, name), text);
            }

            SweepWorker.WriteAtomically(Path.Combine(target, "scenario.yaml"), scenario.ScenarioYaml);
        }

        SweepWorker.WriteAtomically(Path.Combine(folder, "plan-result.json"), JsonSerializer.Serialize(Result(outcome), CliJson.Options) + "\n");
        SweepWorker.WriteAtomically(Path.Combine(folder, "candidates.csv"), outcome.CandidatesCsv());
        SweepWorker.WriteAtomically(Path.Combine(folder, "plan-report.html"), PlanReport.Html(outcome));
    }

    private static object Result(PlanOutcome outcome)
    {
        var spec = outcome.Spec;
        return new
        {
            schema = "selene.plan/v1",
            scenario = spec.Scenario,
            seeds = outcome.Seeds,
            confidence = spec.Confidence,
            gridSize = outcome.GridSize,
            evaluated = outcome.Candidates.Count,
            chosen = outcome.Chosen is { } c ? Candidate(spec, c) : null,
            verification = outcome.Verification is { } v ? new { seeds = outcome.VerificationSeeds, holds = v.Feasible, result = Candidate(spec, v) } : null,
            scenarioFile = outcome.Chosen is null ? null : "chosen/scenario.yaml",
            paretoFront = outcome.ParetoFront().Select(p => new { values = Values(spec, p), cost = p.Cost, front = p.Front, feasible = p.Feasible }),
            candidates = outcome.Candidates.Select(p => Candidate(spec, p)),
        };
    }

    private static object Candidate(PlanSpec spec, PlanCandidate candidate) => new
    {
        values = Values(spec, candidate),
        cost = candidate.Cost,
        feasible = candidate.Feasible,
        failure = candidate.Failure,
        front = double.IsNaN(candidate.Front) ? (double?)null : candidate.Front,
        margins = candidate.Margins.Select(m => new
        {
            constraint = m.Constraint.ToString(),
            column = m.Column,
            mean = double.IsNaN(m.Mean) ? (double?)null : m.Mean,
            bound = double.IsNaN(m.Bound) ? (double?)null : m.Bound,
            margin = double.IsFinite(m.Margin) ? m.Margin : (double?)null,
            holds = m.Margin >= 0,
        }),
    };

    private static Dictionary<string, string> Values(PlanSpec spec, PlanCandidate candidate) =>
        spec.Decisions.Select((d, i) => (d.Path.Text, candidate.Values[i])).ToDictionary(x => x.Text, x => x.Item2);

    private void Summarise(PlanOutcome outcome, string folder, string evaluated)
    {
        var spec = outcome.Spec;
        if (outcome.Chosen is not { } chosen)
        {
            var largest = outcome.Candidates[0];
            consoles.Out.MarkupLineInterpolated($"[red]No configuration within the decisions' values meets the constraints.[/] The largest: {Verdict(largest)}");
            Failing(largest);
        }
        else
        {
            var decisions = new Table().AddColumns("decision", "value", "cost");
            for (var d = 0; d < spec.Decisions.Count; d++)
            {
                decisions.AddRow(Markup.Escape(spec.Decisions[d].Path.Text), Markup.Escape(chosen.Values[d]), F(spec.Decisions[d].Costs[chosen.Indexes[d]]));
            }

            consoles.Out.MarkupLineInterpolated($"Cheapest configuration meeting every constraint at {spec.Confidence:0.###} confidence: cost {F(chosen.Cost)}");
            consoles.Out.Write(decisions);
            var margins = new Table().AddColumns("constraint", "column", "mean", "bound", "margin");
            foreach (var m in chosen.Margins)
            {
                margins.AddRow(Markup.Escape(m.Constraint.ToString()), Markup.Escape(m.Column), F(m.Mean), F(m.Bound), F(m.Margin));
            }

            consoles.Out.Write(margins);
            if (outcome.Verification is { } verification)
            {
                consoles.Out.MarkupLineInterpolated(
                    $"Run again with {outcome.VerificationSeeds.Count} seeds it was not chosen on ({outcome.VerificationSeeds[0]}–{outcome.VerificationSeeds[^1]}): {(verification.Feasible ? "it holds" : "it does not hold")}; {Verdict(verification)}");
                Failing(verification);
            }
        }

        consoles.Out.MarkupLineInterpolated($"{evaluated}");
        consoles.Out.MarkupLineInterpolated($"Wrote {(outcome.Chosen is null ? "" : "chosen/scenario.yaml, ")}plan-result.json, candidates.csv, plan-report.html to {folder}");
    }

    // Each constraint column the candidate misses, with its bound.
    private void Failing(PlanCandidate candidate)
    {
        foreach (var m in candidate.Margins.Where(m => m.Margin < 0))
        {
            consoles.Out.MarkupLineInterpolated($"  {m.Column}: bound {F(m.Bound)} against {m.Constraint}");
        }
    }

    private static string Verdict(PlanCandidate candidate) =>
        candidate.Failure is not null ? $"a run failed ({candidate.Failure})"
        : candidate.Feasible ? $"meets every constraint (tightest margin {F(candidate.WorstMargin)})"
        : $"fails {candidate.Margins.Count(m => m.Margin < 0)} (worst margin {F(candidate.WorstMargin)})";

    private static string F(double value) => double.IsNaN(value) ? "" : double.IsNegativeInfinity(value) ? "-inf" : value.ToString("0.######", CultureInfo.InvariantCulture);
}
