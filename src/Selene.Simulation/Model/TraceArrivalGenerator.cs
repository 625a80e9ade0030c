using Selene.Simulation.Kernel;
using Selene.Simulation.Scenarios;

namespace Selene.Simulation.Model;

/// <summary>
/// A tenant's arrivals replayed from a trace: request i of pass k arrives at offset + (k × loop length + tᵢ) / rate
/// scale, with the trace's own prompt and output tokens; one pass, or passes until the run ends when it loops.
/// Surges run the trace's clock faster for their while.
/// </summary>
internal sealed class TraceArrivalGenerator(SimulationKernel kernel, TraceArrivalSpec spec, Action<int, int> onArrival, IReadOnlyList<ArrivalSurge>? surges = null) : IEventTarget
{
    private int _index;
    private long _pass;
    private double _lastNominal;
    private double _lastAt;

    public void Start() => ScheduleNext();

    public void Handle(object? state)
    {
        var trace = spec.Trace;
        onArrival(trace.Prompts[_index], trace.Outputs[_index]);
        if (++_index == trace.Count)
        {
            if (!spec.Loop)
            {
                return;
            }

            _index = 0;
            _pass++;
        }

        ScheduleNext();
    }

    private void ScheduleNext()
    {
        var trace = spec.Trace;
        var at = spec.OffsetSeconds + (((_pass * trace.LoopSeconds) + trace.Offsets[_index]) / spec.RateScale);
        if (surges is { Count: > 0 })
        {
            // The gap since the last arrival in the trace's own time, warped by the surges from the last arrival on.
            var nominal = at;
            at = ArrivalSurge.Advance(surges, _lastAt, nominal - _lastNominal);
            (_lastNominal, _lastAt) = (nominal, at);
        }

        kernel.ScheduleAt(at, this);
    }
}
