using Selene.Simulation.Kernel;
using Selene.Simulation.Randomness;
using Selene.Simulation.Scenarios;

namespace Selene.Simulation.Model;

/// <summary>
/// A tenant's Poisson arrivals with a daily cycle, by thinning (Lewis and Shedler, 1979): candidates come at
/// the peak rate λmax and each is kept with probability λ(t)/λmax. Rejected candidates are drawn in a loop
/// ahead of time, so only kept arrivals become kernel events.
/// </summary>
internal sealed class ArrivalGenerator : IEventTarget
{
    private const double SecondsPerDay = 86_400;

    private readonly SimulationKernel _kernel;
    private readonly ArrivalSpec _spec;
    private readonly RandomSource _stream;
    private readonly double _epochSecondOfDay;
    private readonly double _peakRate;
    private readonly double _troughRate;
    private readonly Action _onArrival;

    public ArrivalGenerator(SimulationKernel kernel, ArrivalSpec spec, DateTimeOffset epoch, RandomSource stream, Action onArrival)
    {
        _kernel = kernel;
        _spec = spec;
        _stream = stream;
        _epochSecondOfDay = epoch.UtcDateTime.TimeOfDay.TotalSeconds;
        _peakRate = spec.MeanRatePerSecond * (1 + spec.DailyAmplitude);
        _troughRate = spec.MeanRatePerSecond * (1 - spec.DailyAmplitude);
        _onArrival = onArrival;
    }

    /// <summary>λ(t) at simulated time <paramref name="time"/>.</summary>
    public double RateAt(double time)
    {
        if (_spec.DailyAmplitude == 0)
        {
            return _spec.MeanRatePerSecond;
        }

        // Cosine is periodic: the phase needs no reduction to the day.
        var phase = 2 * Math.PI * (((_epochSecondOfDay + time) / SecondsPerDay) - (_spec.PeakHourUtc / 24));
        return _spec.MeanRatePerSecond * (1 + (_spec.DailyAmplitude * Math.Cos(phase)));
    }

    public void Start() => ScheduleNext();

    private double Advance(double from, double seconds) =>
        _spec.Surges.Count == 0 ? from + seconds : ArrivalSurge.Advance(_spec.Surges, from, seconds);

    public void Handle(object? state)
    {
        _onArrival();
        ScheduleNext();
    }

    private void ScheduleNext()
    {
        var time = Advance(_kernel.Now, _stream.NextStandardExponential() / _peakRate);
        if (_spec.DailyAmplitude != 0)
        {
            // A candidate under the trough rate is kept whatever the hour, without the cosine.
            while (_stream.NextDouble() * _peakRate is var u && u >= _troughRate && !(u < RateAt(time)) && double.IsFinite(time))
            {
                time = Advance(time, _stream.NextStandardExponential() / _peakRate);
            }
        }

        _kernel.ScheduleAt(time, this);
    }
}
