using Selene.Astro.Links;
using Selene.Astro.Time;

namespace Selene.Simulation.Model;

/// <summary>
/// A remote site's link sampled from the ephemeris at a fixed step: the light time to the nearest ground
/// station that sees the site (interpolated linearly between samples) and whether any does (constant over a
/// sample interval). Sampled once, before the run, so the event loop only indexes arrays.
/// </summary>
internal sealed class EphemerisLinkSchedule : ILinkSchedule
{
    private readonly double[] _delay;
    private readonly bool[] _up;
    private readonly double[] _nextUp;

    public EphemerisLinkSchedule(Func<AstroTime, LinkState> linkAt, DateTimeOffset epoch, double durationSeconds, double stepSeconds)
    {
        StepSeconds = stepSeconds;
        var samples = (int)Math.Ceiling(durationSeconds / stepSeconds) + 2;
        _delay = new double[samples];
        _up = new bool[samples];
        var start = AstroTime.FromUtc(epoch);
        for (var i = 0; i < samples; i++)
        {
            var link = linkAt(start.AddSeconds(i * stepSeconds));
            _delay[i] = link.LightTimeSeconds;
            _up[i] = link.Up;
        }

        // Next sample at or after each one that is up, scanning backwards once.
        _nextUp = new double[samples];
        var next = double.PositiveInfinity;
        for (var i = samples - 1; i >= 0; i--)
        {
            if (_up[i])
            {
                next = i * stepSeconds;
            }

            _nextUp[i] = next;
        }
    }

    public double StepSeconds { get; }

    /// <summary>Mean one-way delay over the samples.</summary>
    public double MeanDelaySeconds => _delay.Average();

    public double DelayAt(double time)
    {
        var position = Math.Clamp(time / StepSeconds, 0, _delay.Length - 1.000001);
        var index = (int)position;
        return _delay[index] + ((position - index) * (_delay[index + 1] - _delay[index]));
    }

    public double NextUp(double time)
    {
        var index = Math.Clamp((int)(time / StepSeconds), 0, _up.Length - 1);
        return _up[index] ? time : _nextUp[index];
    }

    /// <summary>Whether the link is up at <paramref name="time"/>.</summary>
    public bool IsUp(double time) => _up[Math.Clamp((int)(time / StepSeconds), 0, _up.Length - 1)];
}
