using System.Text.Json;
using Selene.Simulation.Sweeps;

namespace Selene.Simulation.Planning;

/// <summary>
/// Answers a plan: runs <see cref="PlanSearch"/> with each batch of configurations it asks for evaluated as a sweep
/// (<c>plan-sweep.yaml</c> in the output folder) whose missing runs a sweep executor runs, so every run lands under
/// <c>runs/KEY/</c> as a sweep's does and a repeated or resumed plan reuses what is there. At the end the sweep file
/// lists every candidate evaluated, so <c>selene sweep gather</c> reads them all. With <see cref="PlanSpec.VerifySeeds"/>
/// the chosen configuration also runs with seeds it was not chosen on.
/// </summary>
public static class Planner
{
    /// <summary>The sweep file each batch is written to, in the output folder.</summary>
    public const string SweepFileName = "plan-sweep.yaml";

    /// <summary>
    /// Finds the cheapest configuration of <paramref name="spec"/> that meets its constraints. <paramref name="runMissing"/>
    /// runs the given runs of <see cref="SweepFileName"/> in <paramref name="output"/> into that folder (a sweep executor);
    /// <paramref name="evaluated"/> hears of each candidate as it is evaluated.
    /// </summary>
    public static PlanOutcome Run(PlanSpec spec, string output, string version, Action<IReadOnlyList<SweepRun>> runMissing, Action<PlanCandidate>? evaluated = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(runMissing);
        Directory.CreateDirectory(output);
        var seeds = PlanSweep.Seeds(spec);
        var sweepFile = Path.Combine(output, SweepFileName);
        var candidates = new List<PlanCandidate>();
        var sizes = spec.Decisions.Select(d => d.Values.Count).ToList();
        // The decision whose values' costs span most is bisected first: it moves the cost most.
        var order = Enumerable.Range(0, spec.Decisions.Count).OrderByDescending(d => spec.Decisions[d].Costs.Max() - spec.Decisions[d].Costs.Min()).ThenBy(d => d).ToList();
        // The configurations as a sweep with these seeds, its runs without results run.
        SweepPlan RunSweep(IReadOnlyList<ulong> sweepSeeds, IReadOnlyList<int[]> configurations)
        {
            var plan = WriteSweep(spec, sweepSeeds, configurations, sweepFile, output, version);
            var todo = plan.Runs.Where(r => SweepWorker.StateOf(output, r) != SweepWorker.RunState.Done).ToList();
            if (todo.Count > 0)
            {
                runMissing(todo);
            }

            return plan;
        }

        var result = PlanSearch.Run(sizes, order, batch =>
        {
            var plan = RunSweep(seeds, batch);
            var points = new SearchPoint[batch.Count];
            for (var v = 0; v < batch.Count; v++)
            {
                var candidate = Evaluate(spec, batch[v], plan.Runs.Where(r => r.Variant == v).ToList(), output);
                candidates.Add(candidate);
                evaluated?.Invoke(candidate);
                points[v] = new SearchPoint(candidate.Feasible, candidate.Cost);
            }

            return points;
        });

        var chosen = result.Best is { } best ? candidates.First(c => c.Indexes.SequenceEqual(best)) : null;
        var verificationSeeds = chosen is null ? [] : PlanSweep.VerificationSeeds(spec, seeds);
        PlanCandidate? verification = null;
        if (chosen is not null && verificationSeeds.Count > 0)
        {
            verification = Evaluate(spec, [.. chosen.Indexes], RunSweep(verificationSeeds, [[.. chosen.Indexes]]).Runs, output);
        }

        WriteSweep(spec, seeds, result.Evaluated, sweepFile, output, version);
        return new PlanOutcome(spec, chosen, candidates, seeds) { Verification = verification, VerificationSeeds = verificationSeeds };
    }

    private static SweepPlan WriteSweep(PlanSpec spec, IReadOnlyList<ulong> seeds, IReadOnlyList<int[]> batch, string sweepFile, string output, string version)
    {
        var yaml = PlanSweep.Yaml(spec, seeds, batch);
        SweepWorker.WriteAtomically(sweepFile, yaml);
        var plan = SweepPlan.Create(SweepReader.Parse(yaml, sweepFile, checkScenario: false), version);
        SweepIndex.Write(plan, output);
        return plan;
    }

    private static PlanCandidate Evaluate(PlanSpec spec, int[] indexes, IReadOnlyList<SweepRun> runs, string output)
    {
        var documents = new List<JsonDocument>();
        try
        {
            string? failure = null;
            foreach (var run in runs)
            {
                if (SweepWorker.StateOf(output, run) == SweepWorker.RunState.Done)
                {
                    documents.Add(JsonDocument.Parse(File.ReadAllText(Path.Combine(SweepWorker.Folder(output, run), "metrics.json"))));
                }
                else
                {
                    failure ??= $"seed {run.Seed}: {SweepWorker.FailureReason(output, run) ?? "no result"}";
                }
            }

            return PlanEvaluation.Candidate(spec, indexes, documents.Select(d => d.RootElement).ToList(), failure);
        }
        finally
        {
            foreach (var document in documents)
            {
                document.Dispose();
            }
        }
    }
}
