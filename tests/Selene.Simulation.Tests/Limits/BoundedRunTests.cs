using Selene.Core.Errors;
using Selene.Simulation.Limits;
using Selene.Simulation.Metrics;
using Selene.Simulation.Randomness;
using Selene.Simulation.Scenarios;

namespace Selene.Simulation.Tests.Limits;

public sealed class BoundedRunTests
{
    [Fact]
    public void A_rate_typed_as_1e20_is_refused_before_the_run_naming_the_tenant_s_field_and_the_estimate()
    {
        var scenario = ScenarioBuilder.SingleNode(1, 86_400, 1,
            ScenarioBuilder.Tenant("chat", 1e20, new ConstantDistribution(0.1)), ScenarioBuilder.Tenant("code", 1, new ConstantDistribution(0.1)));

        var error = Assert.Single(Assert.Throws<InputException>(() => BoundedRun.CheckArrivals(scenario, WorkLimits.Default, "--max-requests")).Errors);

        Assert.Equal("tenants[chat].arrivals.ratePerSecond", error.Field);
        Assert.Contains("8.64E+24 requests, over the limit of 5E+08 (--max-requests)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_expected_arrivals_are_the_mean_rates_times_the_duration()
    {
        var scenario = ScenarioBuilder.SingleNode(1, 1000, 1, ScenarioBuilder.Tenant("a", 3, new ConstantDistribution(0.1)), ScenarioBuilder.Tenant("b", 2, new ConstantDistribution(0.1)));

        BoundedRun.CheckArrivals(scenario, new WorkLimits { MaxArrivals = 5000 }, "x");
        Assert.Throws<InputException>(() => BoundedRun.CheckArrivals(scenario, new WorkLimits { MaxArrivals = 4999 }, "x"));
    }

    [Fact]
    public void A_backlog_past_the_in_flight_limit_stops_the_run_with_an_input_error()
    {
        // Ten requests a second on one replica that serves one a second, each held to an hour: the queue at the
        // gateway grows by nine a second.
        var scenario = ScenarioBuilder.SingleNode(1, 3600, 1, ScenarioBuilder.Tenant("chat", 10, new ConstantDistribution(1), budget: 3600));

        var error = Assert.Single(Assert.Throws<InputException>(() => BoundedRun.Run(new ScenarioSimulation(scenario), new WorkLimits { MaxInFlight = 5000 })).Errors);

        Assert.Equal("tenants", error.Field);
        Assert.Contains("over the limit of 5,000 (--max-in-flight)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bounded_run_gives_the_same_metrics_to_the_byte_as_one_run_to_the_end()
    {
        var scenario = BuiltInScenarios.Load(BuiltInScenarios.Default) with { DurationSeconds = 86_400 / 4 };

        Assert.Equal(MetricsJson.Serialize(new ScenarioSimulation(scenario).Run()),
            MetricsJson.Serialize(BoundedRun.Run(new ScenarioSimulation(scenario), WorkLimits.Default)));
    }
}
