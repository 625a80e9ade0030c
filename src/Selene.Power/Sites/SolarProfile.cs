using Selene.Astro.Sunlight;

namespace Selene.Power.Sites;

/// <summary>
/// A site's array output and ground temperature on a regular time grid, from the shared sunlight samples: what the
/// power model reads, linearly interpolated between samples, and what the predictive controller forecasts from.
/// </summary>
public sealed class SolarProfile
{
    private readonly double[] _watts;
    private readonly double[] _surfaceKelvin;

    // Energy delivered from the first sample to each sample, J (trapezoids: exact for the linear interpolant).
    private readonly double[] _energy;

    private SolarProfile(double stepSeconds, double[] watts, double[] surfaceKelvin)
    {
        StepSeconds = stepSeconds;
        _watts = watts;
        _surfaceKelvin = surfaceKelvin;
        _energy = new double[watts.Length];
        for (var i = 1; i < watts.Length; i++)
        {
            _energy[i] = _energy[i - 1] + (0.5 * (watts[i - 1] + watts[i]) * stepSeconds);
        }
    }

    /// <summary>Seconds between samples.</summary>
    public double StepSeconds { get; }

    /// <summary>Number of samples.</summary>
    public int Count => _watts.Length;

    /// <summary>Seconds from the first sample to the last.</summary>
    public double SpanSeconds => (Count - 1) * StepSeconds;

    /// <summary>The array's output at every sample, W.</summary>
    public ReadOnlySpan<double> Watts => _watts;

    /// <summary>The ground's temperature at each sample, K.</summary>
    public ReadOnlySpan<double> SurfaceKelvin => _surfaceKelvin;

    /// <summary>The array's output and the ground temperature at <paramref name="spec"/>'s site over <paramref name="sunlight"/>'s samples.</summary>
    /// <param name="spec">The site.</param>
    /// <param name="sunlight">Shared sunlight samples.</param>
    /// <param name="yearsInService">Age of the array at the first sample, years.</param>
    public static SolarProfile Of(SitePowerSpec spec, SunlightSeries sunlight, double yearsInService = 0)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(sunlight);
        var count = sunlight.Count;
        var elevation = new double[count];
        // Only a vertical array needs the Sun's azimuth (the horizon looks it up itself).
        var azimuth = spec.Array.Mount == Solar.ArrayMount.Vertical ? new double[count] : [];
        var visible = new double[count];
        sunlight.At(spec.Site, elevation, azimuth, visible);
        var watts = new double[count];
        var surface = new double[count];
        for (var i = 0; i < count; i++)
        {
            var years = yearsInService + (i * sunlight.StepSeconds / (365.25 * 86_400));
            watts[i] = spec.Array.ElectricalWatts(elevation[i], azimuth.Length > 0 ? azimuth[i] : 0, visible[i], sunlight.DistanceAu(i), years);
            surface[i] = Thermal.ThermalSpec.SurfaceKelvin(elevation[i]);
        }

        return new SolarProfile(sunlight.StepSeconds, watts, surface);
    }

    /// <summary>A profile from given samples (array output in W, ground temperature in K), for studies and tests.</summary>
    public static SolarProfile FromSamples(double stepSeconds, double[] watts, double[] surfaceKelvin)
    {
        ArgumentNullException.ThrowIfNull(watts);
        ArgumentNullException.ThrowIfNull(surfaceKelvin);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stepSeconds);
        if (watts.Length < 2 || surfaceKelvin.Length != watts.Length)
        {
            throw new ArgumentException("a profile needs two or more samples, as many temperatures as outputs");
        }

        return new SolarProfile(stepSeconds, (double[])watts.Clone(), (double[])surfaceKelvin.Clone());
    }

    /// <summary>The array's output at <paramref name="seconds"/> from the first sample, W.</summary>
    public double WattsAt(double seconds) => Interpolate(_watts, seconds);

    /// <summary>The ground temperature at <paramref name="seconds"/> from the first sample, K.</summary>
    public double SurfaceKelvinAt(double seconds) => Interpolate(_surfaceKelvin, seconds);

    /// <summary>
    /// Energy the array delivers from the first sample to <paramref name="seconds"/>, J: the prefix sum to the sample
    /// before, plus the trapezoid to it (exact for the interpolant).
    /// </summary>
    public double EnergyTo(double seconds)
    {
        var position = Math.Clamp(seconds / StepSeconds, 0, _watts.Length - 1);
        var index = Math.Min((int)position, _watts.Length - 2);
        var into = (position - index) * StepSeconds;
        return _energy[index] + (0.5 * (_watts[index] + WattsAt(seconds)) * into);
    }

    private double Interpolate(double[] values, double seconds)
    {
        var position = seconds / StepSeconds;
        if (!(position > 0))
        {
            return values[0];
        }

        if (position >= values.Length - 1)
        {
            return values[^1];
        }

        var index = (int)position;
        var frac = position - index;
        return values[index] + (frac * (values[index + 1] - values[index]));
    }
}
