using Selene.Simulation.Kernel;
using Selene.Simulation.Randomness;
using Selene.Simulation.Scenarios;

namespace Selene.Simulation.Model;

/// <summary>
/// A tenant's Poisson arrivals with a daily cycle, by thinning (Lewis and Shedler, 1979): candidates come at
/// the peak rate λmax and each is kept with probability λ(t)/λmax.
/// </summary>
internal sealed class ArrivalGenerator : IEventTarget
{
    private const double SecondsPerDay = 86_400;

    private readonly SimulationKernel _kernel;
    private readonly ArrivalSpec _spec;
    private readonly RandomSource _stream;
    private readonly double _epochSecondOfDay;
    private readonly double _peakRate;
    private readonly Action _onArrival;

    public ArrivalGenerator(SimulationKernel kernel, ArrivalSpec spec, DateTimeOffset epoch, RandomSource stream, Action onArrival)
    {
        _kernel = kernel;
        _spec = spec;
        _stream = stream;
        _epochSecondOfDay = epoch.UtcDateTime.TimeOfDay.TotalSeconds;
        _peakRate = spec.MeanRatePerSecond * (1 + spec.DailyAmplitude);
        _onArrival = onArrival;
    }

    /// <summary>λ(t) at simulated time <paramref name="time"/>.</summary>
    public double RateAt(double time)
    {
        if (_spec.DailyAmplitude == 0)
        {
            return _spec.MeanRatePerSecond;
        }

        var secondOfDay = (_epochSecondOfDay + time) % SecondsPerDay;
        var phase = 2 * Math.PI * ((secondOfDay / 3600) - _spec.PeakHourUtc) / 24;
        return _spec.MeanRatePerSecond * (1 + (_spec.DailyAmplitude * Math.Cos(phase)));
    }

    public void Start() => ScheduleNext();

    public void Handle(object? state)
    {
        if (_spec.DailyAmplitude == 0 || _stream.NextDouble() * _peakRate < RateAt(_kernel.Now))
        {
            _onArrival();
        }

        ScheduleNext();
    }

    private void ScheduleNext() => _kernel.Schedule(_stream.NextStandardExponential() / _peakRate, this);
}
