using Selene.Astro.Bodies;
using Selene.Astro.Time;

namespace Selene.Astro.Tests.Bodies;

public class MoonTests
{
    [Fact]
    public void Meeus_example_47a_is_reproduced_to_the_printed_precision()
    {
        // Meeus, Astronomical Algorithms, 2nd ed., example 47.a: 1992 April 12, 0h TD = JDE 2448724.5.
        // λ = 133.162655°, β = −3.229126°, Δ = 368 409.7 km (geometric, mean equinox of date, before nutation).
        var t = (2448724.5 - AstroTime.J2000) / AstroTime.DaysPerCentury;
        var moon = Moon.Ecliptic(t);
        Assert.Equal(133.162655, moon.LongitudeDegrees, 6);
        Assert.Equal(-3.229126, moon.LatitudeDegrees, 6);
        Assert.Equal(368409.7, moon.DistanceKm, 1);
    }

    [Fact]
    public void Over_2020_to_2040_the_distance_stays_within_the_known_perigee_and_apogee_extremes()
    {
        // Extreme perigee ≈ 356 400 km and apogee ≈ 406 700 km (inconstantmoon.com, cited in shared/reference/space-anchors.md).
        var start = AstroTime.FromUtc(new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc)).CenturiesTt;
        var end = AstroTime.FromUtc(new DateTime(2040, 1, 1, 0, 0, 0, DateTimeKind.Utc)).CenturiesTt;
        const double step = 1.0 / 24 / AstroTime.DaysPerCentury; // hourly
        double min = double.MaxValue, max = 0;
        for (var t = start; t < end; t += step)
        {
            var distance = Moon.Ecliptic(t).DistanceKm;
            min = Math.Min(min, distance);
            max = Math.Max(max, distance);
        }

        Assert.InRange(min, 356_400 - 200, 356_400 + 200);
        Assert.InRange(max, 406_700 - 200, 406_700 + 200);
    }

    [Fact]
    public void The_mean_synodic_month_from_successive_new_moons_is_29_5306_days()
    {
        // New moon: the Moon's longitude minus the Sun's crosses zero. Over 2020–2040 the mean interval is the
        // synodic month, 29.530589 days (Meeus ch. 49).
        var newMoons = new List<double>();
        var start = AstroTime.FromUtc(new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc)).JulianDateTt;
        var end = AstroTime.FromUtc(new DateTime(2040, 1, 1, 0, 0, 0, DateTimeKind.Utc)).JulianDateTt;
        const double step = 0.25;
        var previous = Elongation(start);
        for (var jd = start + step; jd < end; jd += step)
        {
            var current = Elongation(jd);
            if (previous < 0 && current >= 0)
            {
                newMoons.Add(Bisect(jd - step, jd));
            }

            previous = current;
        }

        // First of the period: 2020-01-24 21:42 UTC (USNO). Lunations vary by ±7 h about the mean, so the
        // mean is the slope of a least-squares line through time against lunation number, not the spread of
        // the two end points divided by the count.
        var first = AstroTime.FromJulianDateTt(newMoons[0]).Utc;
        Assert.Equal(new DateTime(2020, 1, 24, 21, 42, 0, DateTimeKind.Utc), first, TimeSpan.FromMinutes(5));
        var n = newMoons.Count;
        var meanIndex = (n - 1) / 2.0;
        var meanTime = newMoons.Average();
        var slope = Enumerable.Range(0, n).Sum(i => (i - meanIndex) * (newMoons[i] - meanTime))
            / Enumerable.Range(0, n).Sum(i => (i - meanIndex) * (i - meanIndex));
        Assert.InRange(slope, 29.5306 - 0.001, 29.5306 + 0.001);
        Assert.InRange(n, 246, 249);
    }

    private static double Elongation(double jdTt)
    {
        var t = (jdTt - AstroTime.J2000) / AstroTime.DaysPerCentury;
        var difference = Moon.Ecliptic(t).LongitudeRadians - Sun.Ecliptic(t).LongitudeRadians;
        return Math.IEEERemainder(difference, 2 * Math.PI);
    }

    private static double Bisect(double low, double high)
    {
        for (var i = 0; i < 40; i++)
        {
            var mid = (low + high) / 2;
            if (Elongation(mid) < 0)
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }

        return (low + high) / 2;
    }
}
