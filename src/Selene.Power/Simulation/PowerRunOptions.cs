namespace Selene.Power.Simulation;

/// <summary>How a power run is integrated and reported.</summary>
public sealed record PowerRunOptions
{
    /// <summary>Width of the reported series' bins, seconds.</summary>
    public double BinSeconds { get; init; } = 3600;

    /// <summary>How often the predictive controller plans again, seconds.</summary>
    public double ReplanSeconds { get; init; } = 6 * 3600;

    /// <summary>How far ahead the predictive controller looks, seconds.</summary>
    public double HorizonSeconds { get; init; } = 15 * 86_400;

    /// <summary>Length of one step of the predictive controller's plan, seconds.</summary>
    public double PlanStepSeconds { get; init; } = 3600;

    /// <summary>State of charge at the start, 0 to 1.</summary>
    public double InitialStateOfCharge { get; init; } = 1;

    /// <summary>Age of the site's equipment at the start, years.</summary>
    public double YearsInService { get; init; }

    /// <summary>Relative tolerance of the integration.</summary>
    public double RelativeTolerance { get; init; } = 1e-6;

    /// <summary>Longest integration step, seconds (the sunlight samples are interpolated between).</summary>
    public double MaxStepSeconds { get; init; } = 3600;
}
