namespace Selene.Astro.Contacts;

/// <summary>
/// One-way light time sampled at a fixed step over a contact (in the manner of a contact plan's <c>range</c> lines),
/// interpolated linearly between samples and held beyond the first and last.
/// </summary>
/// <param name="Start">Time of the first sample, seconds after the plan's epoch.</param>
/// <param name="Step">Seconds between samples.</param>
/// <param name="Seconds">The light times, s.</param>
public sealed record LightTimeSeries(double Start, double Step, double[] Seconds)
{
    /// <summary>The light time at <paramref name="time"/>, s.</summary>
    public double At(double time)
    {
        var position = (time - Start) / Step;
        if (position <= 0 || Seconds.Length == 1)
        {
            return Seconds[0];
        }

        var index = (int)position;
        if (index >= Seconds.Length - 1)
        {
            return Seconds[^1];
        }

        var fraction = position - index;
        return Seconds[index] + (fraction * (Seconds[index + 1] - Seconds[index]));
    }
}
