namespace Selene.Astro.Contacts;

/// <summary>
/// One directed contact of a plan, in the manner of a DTN contact plan's <c>contact</c> and <c>range</c> lines: from
/// <paramref name="From"/> to <paramref name="To"/> between <paramref name="Start"/> and <paramref name="End"/> (seconds
/// after the plan's epoch), at the longest one-way light time and the lowest data rate it has over that span.
/// </summary>
/// <param name="From">Index of the sending node.</param>
/// <param name="To">Index of the receiving node.</param>
/// <param name="Start">Start, seconds after the epoch.</param>
/// <param name="End">End, seconds after the epoch.</param>
/// <param name="OneWayLightSeconds">One-way light time, s (the longest over the contact).</param>
/// <param name="RateBitsPerSecond">Data rate, bit/s (what the link budget supports at the longest range).</param>
/// <param name="Band">The band it runs in; empty when the plan's default rate applies.</param>
/// <param name="Range">The one-way light time over the contact, for messages that cross it at a given moment.</param>
public readonly record struct Contact(int From, int To, double Start, double End, double OneWayLightSeconds, double RateBitsPerSecond, string Band,
    LightTimeSeries Range)
{
    /// <summary>Length, seconds.</summary>
    public double Duration => End - Start;

    /// <summary>The one-way light time for a message that leaves at <paramref name="time"/>, s.</summary>
    public double LightSecondsAt(double time) => Range.At(time);
}
