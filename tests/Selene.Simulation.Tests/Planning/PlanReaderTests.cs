using Selene.Core.Errors;
using Selene.Simulation.Planning;

namespace Selene.Simulation.Tests.Planning;

/// <summary>Plan files: what they read into, and every mistake refused with its line and field.</summary>
public sealed class PlanReaderTests
{
    private const string Plan = """
        scenario: earth-moon
        duration: 2h
        seeds: 3
        confidence: 0.9
        decide:
          - path: tenants[code].serving.replicas.min
            range: {from: 2, to: 8, step: 2}
            cost: 10
          - path: launches[cargo].count
            values: [1, 2, 4]
            costs: [100, 180, 300]
        prices:
          - metric: tenants[*].serving.energyKwh
            price: 0.12
        constraints:
          - metric: tenants[code].goodput
            atLeast: 0.99
          - metric: tenants[*].latencySeconds.p99
            atMost: 30
        """;

    [Fact]
    public void A_plan_reads_into_decisions_with_a_cost_per_value_prices_and_constraints()
    {
        var spec = PlanReader.Parse(Plan, "plan.yaml");
        Assert.Equal(7200, spec.DurationSeconds);
        Assert.Equal(0.9, spec.Confidence);
        Assert.Equal(0, spec.VerifySeeds);
        Assert.Equal([0UL, 1UL, 2UL], spec.Seeds);
        Assert.Equal(["2", "4", "6", "8"], spec.Decisions[0].Values);
        Assert.Equal([20.0, 40, 60, 80], spec.Decisions[0].Costs);
        Assert.Equal([100.0, 180, 300], spec.Decisions[1].Costs);
        Assert.Equal("tenants[*].serving.energyKwh", Assert.Single(spec.Prices).Metric.Text);
        Assert.Equal(PlanBound.AtMost, spec.Constraints[1].Bound);
        // Without a front metric the report plots the first atLeast constraint's metric against cost.
        Assert.Equal("tenants[code].goodput", spec.Front.Text);
        Assert.Equal(["tenants[code].goodput", "tenants[*].latencySeconds.p99", "tenants[*].serving.energyKwh"], spec.Collected.Select(m => m.Text));
    }

    public static TheoryData<string, string, string, string, int> BadPlans => new()
    {
        { "a decision path that names nothing", "tenants[code].serving.replicas.min", "tenants[code].serving.replica.min", "decide[0].path", 6 },
        { "a value of the wrong type", "values: [1, 2, 4]", "values: [1, two, 4]", "decide[1].values", 10 },
        { "zero seeds", "seeds: 3", "seeds: 0", "seeds", 3 },
        { "an unknown metric in a constraint", "tenants[code].goodput\n", "tenants[code].happiness\n", "constraints[0].metric", 16 },
        { "an unknown metric in a price", "tenants[*].serving.energyKwh", "tenants[*].serving.energyMwh", "prices[0].metric", 13 },
        { "a cost per unit of values that are no numbers", "values: [1, 2, 4]\n    costs: [100, 180, 300]", "values: [1, 2, 4]\n    cost: 5\n    costs: [100, 180, 300]", "decide[1].cost", 11 },
        { "one cost too few", "costs: [100, 180, 300]", "costs: [100, 180]", "decide[1].costs", 11 },
        { "a constraint with no side", "atMost: 30", "below: 30", "constraints[1].atLeast", 18 },
        { "certainty asked for", "confidence: 0.9", "confidence: 1", "confidence", 4 },
        { "a negative price", "price: 0.12", "price: -0.12", "prices[0].price", 14 },
        { "a negative number of verification seeds", "confidence: 0.9", "confidence: 0.9\nverify: -1", "verify", 5 },
        { "a path decided twice", "launches[cargo].count", "tenants[code].serving.replicas.min", "decide[1].path", 9 },
    };

    [Theory]
    [MemberData(nameof(BadPlans))]
    public void A_bad_plan_is_refused_naming_line_and_field(string because, string find, string replace, string field, int line)
    {
        Assert.Contains(find, Plan, StringComparison.Ordinal);
        var error = Assert.Throws<InputException>(() => PlanReader.Parse(Plan.Replace(find, replace, StringComparison.Ordinal), "plan.yaml"));
        var found = error.Errors.FirstOrDefault(e => e.Field == field);
        Assert.True(found is not null, $"{because}: expected an error at {field}, got: {error.Message}");
        Assert.True(found.Line == line, $"{because}: line {found.Line}, expected {line}: {found}");
        Assert.Equal("plan.yaml", found.File);
    }
}
