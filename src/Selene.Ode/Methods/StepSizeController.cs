namespace Selene.Ode.Methods;

/// <summary>
/// Hairer's PI step-size controller (dopri5.f): the next step is h · safety · err^−α · errₙ₋₁^β, clamped to
/// [MinFactor, MaxFactor], and never grown right after a rejection; α = 1/(q + 1) − 0.75β for an error
/// estimate of order q. Shared by every adaptive method.
/// </summary>
internal struct StepSizeController
{
    private readonly OdeOptions _options;
    private readonly double _exponent;
    private double _previousError;

    public StepSizeController(OdeOptions options, int embeddedOrder)
    {
        _options = options;
        _exponent = (1.0 / (embeddedOrder + 1)) - (0.75 * options.Beta);
        _previousError = 1e-4;
    }

    /// <summary>The factor for the step after an accepted one with error norm <paramref name="error"/> (≤ 1).</summary>
    public double AfterAccept(double error, bool lastRejected)
    {
        var factor = _options.Safety * Math.Pow(Math.Max(error, 1e-10), -_exponent) * Math.Pow(_previousError, _options.Beta);
        _previousError = Math.Max(error, 1e-4);
        return Math.Clamp(factor, _options.MinFactor, lastRejected ? 1 : _options.MaxFactor);
    }

    /// <summary>The factor for retrying a rejected step with error norm <paramref name="error"/> (&gt; 1, or not finite).</summary>
    public readonly double AfterReject(double error) =>
        double.IsFinite(error) ? Math.Max(_options.MinFactor, _options.Safety * Math.Pow(error, -_exponent)) : _options.MinFactor;
}
