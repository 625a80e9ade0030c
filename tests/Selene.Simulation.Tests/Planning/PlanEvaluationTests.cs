using System.Text.Json;
using Selene.Simulation.Planning;

namespace Selene.Simulation.Tests.Planning;

/// <summary>A candidate's cost and constraint margins from its runs' metrics, checked by hand.</summary>
public sealed class PlanEvaluationTests
{
    private static readonly PlanSpec s_spec = PlanReader.Parse("""
        scenario: earth-moon
        seeds: 3
        decide:
          - path: tenants[code].serving.replicas.min
            values: [4, 8]
            cost: 10
        prices:
          - metric: tenants[*].serving.energyKwh
            price: 0.5
        constraints:
          - metric: tenants[*].goodput
            atLeast: 0.95
          - metric: accounting.shed
            atMost: 10
        """, "plan.yaml");

    [Fact]
    public void Margins_are_one_sided_students_t_bounds_over_the_seeds_and_cost_adds_priced_means()
    {
        var runs = new[] { Run(0.96, 0.99, 2, 3, 4), Run(0.98, 0.97, 4, 5, 6), Run(0.97, 1.00, 6, 1, 2) };
        var candidate = PlanEvaluation.Candidate(s_spec, [1], runs.Select(r => r.RootElement).ToList());

        // By hand, chat: mean 0.97, sd 0.01, t(0.95, 2) = 2.919986 (NIST table 1.3.6.7.2: 2.920); lower bound
        // 0.97 − 2.919986 × 0.01 / √3 = 0.95314146, margin 0.00314146. code: mean 0.9866667, sd √(0.0004667 / 2) = 0.0152753,
        // lower bound 0.9866667 − 2.919986 × 0.0152753 / √3 = 0.96091481. shed: mean 4, sd 2, upper bound
        // 4 + 2.919986 × 2 / √3 = 7.37170892, margin 2.62829108.
        var chat = candidate.Margins.Single(m => m.Column == "tenants[chat].goodput");
        Assert.Equal(0.97, chat.Mean, 12);
        Assert.Equal(0.95314146, chat.Bound, 1e-7);
        Assert.Equal(0.00314146, chat.Margin, 1e-7);
        Assert.Equal(0.96091481, candidate.Margins.Single(m => m.Column == "tenants[code].goodput").Bound, 1e-7);
        var shed = candidate.Margins.Single(m => m.Column == "accounting.shed");
        Assert.Equal(7.37170892, shed.Bound, 1e-7);
        Assert.Equal(2.62829108, shed.Margin, 1e-7);
        Assert.True(candidate.Feasible);

        // Cost: 8 replicas at 10 each, plus 0.5 × (mean energy of chat 3 + of code 4) = 83.5.
        Assert.Equal(83.5, candidate.Cost, 12);
        Assert.Equal(0.97, candidate.Front, 12);
        Assert.Equal(0.00314146, candidate.WorstMargin, 1e-7);
    }

    [Fact]
    public void One_column_below_its_bound_fails_the_candidate_and_a_failed_run_fails_it_whatever_the_others_say()
    {
        var runs = new[] { Run(0.96, 0.90, 2, 3, 4), Run(0.98, 0.91, 4, 5, 6), Run(0.97, 0.92, 6, 1, 2) };
        var failing = PlanEvaluation.Candidate(s_spec, [0], runs.Select(r => r.RootElement).ToList());
        Assert.False(failing.Feasible);
        Assert.True(failing.Margins.Single(m => m.Column == "tenants[code].goodput").Margin < 0);
        Assert.Equal(40 + (0.5 * 7), failing.Cost, 12);

        var good = new[] { Run(0.99, 0.99, 0, 1, 1), Run(0.99, 0.99, 0, 1, 1) };
        var broken = PlanEvaluation.Candidate(s_spec, [0], good.Select(r => r.RootElement).ToList(), "seed 3: the scenario does not load");
        Assert.False(broken.Feasible);
        Assert.Equal(double.NegativeInfinity, broken.WorstMargin);
        Assert.Equal(40, broken.Cost);
    }

    [Fact]
    public void A_constraint_the_runs_report_nothing_for_cannot_hold()
    {
        var spec = s_spec with { Constraints = [new PlanConstraint(Selene.Simulation.Sweeps.MetricPath.TryParse("power[*].unservedKwh")!, PlanBound.AtMost, 1)] };
        var candidate = PlanEvaluation.Candidate(spec, [0], new[] { Run(0.99, 0.99, 0, 1, 1) }.Select(r => r.RootElement).ToList());
        Assert.False(candidate.Feasible);
    }

    private static JsonDocument Run(double chat, double code, long shed, double chatKwh, double codeKwh) => JsonDocument.Parse(JsonSerializer.Serialize(new
    {
        accounting = new { shed },
        tenants = new object[]
        {
            new { name = "chat", goodput = chat, serving = new { energyKwh = chatKwh } },
            new { name = "code", goodput = code, serving = new { energyKwh = codeKwh } },
        },
    }));
}
