using Selene.Astro.Sites;
using Selene.Astro.Sunlight;
using Selene.Astro.Time;

namespace Selene.Astro.Tests.Sunlight;

public class SunlightTests
{
    private static readonly AstroTime s_start = AstroTime.FromUtc(new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc));

    [Fact]
    public void At_the_lunar_equator_the_night_lasts_14_77_days()
    {
        // Half a synodic month; 14.77 days (shared/reference/space-anchors.md, lunar night).
        var equator = new SurfaceSite("equator", SiteKind.Moon, 0, 0);
        var timeline = SunlightCalculator.Timeline(equator, s_start, s_start.AddSeconds(120 * 86400), 1800);
        var nights = timeline.Skip(1).SkipLast(1).Where(p => !p.Day).Select(p => (p.End - p.Start).TotalDays).ToList();
        Assert.True(nights.Count >= 3, $"{nights.Count} complete nights");
        Assert.All(nights, n => Assert.InRange(n, 14.77 - 0.2, 14.77 + 0.2));
    }

    [Fact]
    public void At_the_south_pole_with_a_flat_horizon_the_Sun_circles_near_the_horizon()
    {
        var pole = new SurfaceSite("south-pole", SiteKind.Moon, -90, 0);
        var elevations = Enumerable.Range(0, 365 * 4).Select(i => SunlightCalculator.At(pole, s_start.AddSeconds(i * 6 * 3600.0)).ElevationDegrees).ToList();
        Assert.All(elevations, e => Assert.InRange(e, -1.7, 1.7));
        Assert.True(elevations.Max() - elevations.Min() > 2, "the Sun's elevation should swing with the lunar seasons");
    }

    [Fact]
    public void A_horizon_profile_can_hide_the_Sun()
    {
        var flat = new SurfaceSite("flat", SiteKind.Moon, -89.5, 0);
        var walled = new SurfaceSite("walled", SiteKind.Moon, -89.5, 0, horizon: new HorizonProfile([(0, 3), (180, 3)]));
        var period = s_start.AddSeconds(30 * 86400);
        var open = SunlightCalculator.IlluminationFraction(flat, s_start, period, 3600);
        var shaded = SunlightCalculator.IlluminationFraction(walled, s_start, period, 3600);
        Assert.True(open > 0.2, $"flat horizon lit {open:P1}");
        Assert.Equal(0, shaded);
    }

    [Theory]
    [InlineData(2.0, 1.0)]
    [InlineData(1.0, 1.0)]
    [InlineData(0.0, 0.5)]
    [InlineData(-1.0, 0.0)]
    [InlineData(0.5, 0.8044988905221148)]
    public void The_visible_fraction_of_the_disk_is_the_area_of_the_circular_segment(double centreAboveLine, double fraction) =>
        Assert.Equal(fraction, SunlightCalculator.VisibleFraction(centreAboveLine), 12);
}
