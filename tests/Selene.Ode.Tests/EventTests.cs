using Selene.Ode.Events;
using Selene.Ode.Problems;

namespace Selene.Ode.Tests;

public class EventTests
{
    private static readonly IOdeSystem s_decay = new DelegateSystem(1, (t, y, dy) => dy[0] = -y[0]);

    [Fact]
    public void A_terminal_event_stops_the_solve_at_the_located_time()
    {
        // y = e^−t reaches 1/2 at t = ln 2.
        var half = new OdeEvent { Name = "half", Function = (t, y) => y[0] - 0.5, Terminal = true };
        var solution = Ode.Solve(new OdeProblem(s_decay, 0, 10, [1]), "dopri5",
            new OdeOptions { RelativeTolerance = 1e-10, AbsoluteTolerance = 1e-12, Events = [half] });

        var occurrence = Assert.Single(solution.Events);
        Assert.Equal(Math.Log(2), occurrence.Time, 9);
        Assert.Equal(0.5, occurrence.State[0], 9);
        Assert.True(solution.StoppedByEvent);
        Assert.Equal(Math.Log(2), solution.Times[^1], 9);
        Assert.Equal(Math.Log(2), solution.EndTime!.Value, 9);
    }

    [Theory]
    [InlineData(EventDirection.Both, 6)]
    [InlineData(EventDirection.Rising, 3)]
    [InlineData(EventDirection.Falling, 3)]
    public void Direction_selects_which_crossings_count(EventDirection direction, int expected)
    {
        // y = cos t on (0, 6π): zeros at π/2 + kπ, falling at π/2, 5π/2, 9π/2 and rising at 3π/2, 7π/2, 11π/2.
        var zero = new OdeEvent { Name = "zero", Function = (t, y) => y[0], Direction = direction };
        var solution = Ode.Solve(new OdeProblem(TestSystems.Oscillator, 0, 6 * Math.PI, [1, 0]), "tsit5",
            new OdeOptions { RelativeTolerance = 1e-10, AbsoluteTolerance = 1e-12, Events = [zero] });

        Assert.Equal(expected, solution.Events.Count);
        foreach (var e in solution.Events)
        {
            var k = Math.Round((e.Time - (Math.PI / 2)) / Math.PI);
            Assert.Equal((Math.PI / 2) + (k * Math.PI), e.Time, 8);
            if (direction != EventDirection.Both)
            {
                Assert.Equal(direction == EventDirection.Rising, k % 2 == 1);
            }
        }

        Assert.False(solution.StoppedByEvent);
    }

    [Fact]
    public void A_counted_event_stops_the_solve_at_its_last_occurrence()
    {
        var zero = new OdeEvent { Name = "zero", Function = (t, y) => y[0], MaxOccurrences = 3 };
        var solution = Ode.Solve(new OdeProblem(TestSystems.Oscillator, 0, 100, [1, 0]), "dopri5",
            new OdeOptions { RelativeTolerance = 1e-10, AbsoluteTolerance = 1e-12, Events = [zero] });
        Assert.Equal(3, solution.Events.Count);
        Assert.Equal(5 * Math.PI / 2, solution.Times[^1], 8);
    }

    [Fact]
    public void An_action_may_change_the_state_and_the_solve_continues_a_bouncing_ball()
    {
        // Height h, velocity v, gravity 9.81; at each impact v → −0.9 v. From h = 10 at rest the first
        // impact is at √(2·10/9.81) and each flight lasts 0.9 times the one before.
        var ball = new DelegateSystem(2, (t, y, dy) =>
        {
            dy[0] = y[1];
            dy[1] = -9.81;
        });
        var impact = new OdeEvent
        {
            Name = "impact",
            Function = (t, y) => y[0],
            Direction = EventDirection.Falling,
            Action = (t, y) => y[1] = -0.9 * y[1],
        };
        var solution = Ode.Solve(new OdeProblem(ball, 0, 10, [10, 0]), "dopri5",
            new OdeOptions { RelativeTolerance = 1e-10, AbsoluteTolerance = 1e-12, Events = [impact] });

        var first = Math.Sqrt(2 * 10 / 9.81);
        var expected = new List<double> { first };
        var flight = 2 * 0.9 * first;
        while (expected[^1] + flight < 10)
        {
            expected.Add(expected[^1] + flight);
            flight *= 0.9;
        }

        Assert.Equal(expected.Count, solution.Events.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i], solution.Events[i].Time, 7);
        }

        Assert.All(solution.Times.Select((_, i) => solution.State(i)[0]), h => Assert.True(h > -1e-7, $"height {h}"));
    }
}
