using Selene.Astro.Sites;
using Selene.Astro.Sunlight;
using Selene.Astro.Time;

namespace Selene.Astro.Tests.Sunlight;

public class SunlightSeriesTests
{
    private static readonly DateTimeOffset s_start = new(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static TheoryData<double, double> Sites => new()
    {
        { 0, 0 },
        { -88.74, 124.5 },
        { 45, -30 },
    };

    [Theory]
    [MemberData(nameof(Sites))]
    public void Samples_shared_across_sites_agree_with_the_sunlight_at_each_site_and_time(double latitude, double longitude)
    {
        // The shared samples take the Sun's direction from the Moon's centre; SunlightCalculator from the site.
        var site = new SurfaceSite("site", SiteKind.Moon, latitude, longitude, horizon: new HorizonProfile([(0, 1.0), (120, 0.2), (240, 1.5)]));
        const int Count = 200;
        const double Step = 4 * 3600.0;
        var series = new SunlightSeries(s_start, Step, Count);
        var elevation = new double[Count];
        var azimuth = new double[Count];
        var visible = new double[Count];
        series.At(site, elevation, azimuth, visible);

        for (var i = 0; i < Count; i++)
        {
            var expected = SunlightCalculator.At(site, AstroTime.FromUtc(s_start.AddSeconds(i * Step)));
            Assert.Equal(expected.ElevationDegrees, elevation[i], 0.002);
            if (Math.Abs(latitude) < 89)
            {
                Assert.Equal(expected.AzimuthDegrees, azimuth[i], 0.01);
            }

            Assert.Equal(expected.VisibleFraction, visible[i], 0.01);
        }

        Assert.InRange(series.DistanceAu(0), 0.98, 1.0);
    }

    [Fact]
    public void Only_lunar_sites_are_sampled()
    {
        var series = new SunlightSeries(s_start, 60, 2);
        var earth = new SurfaceSite("goldstone", SiteKind.Earth, 35.4, -116.9);
        Assert.Throws<ArgumentException>(() => series.At(earth, new double[2], new double[2], new double[2]));
    }

    [Fact]
    public void Asking_for_no_azimuths_gives_the_same_elevations_and_visible_fractions()
    {
        var series = new SunlightSeries(s_start, 3600, 24 * 60);
        foreach (var site in new[] { new SurfaceSite("level", SiteKind.Moon, -89.5, 0), new SurfaceSite("hilly", SiteKind.Moon, -89.5, 0, horizon: new HorizonProfile([(0, 0.5), (180, -0.5)])) })
        {
            var (elevation, azimuth, visible) = (new double[series.Count], new double[series.Count], new double[series.Count]);
            var (elevationOnly, visibleOnly) = (new double[series.Count], new double[series.Count]);
            series.At(site, elevation, azimuth, visible);
            series.At(site, elevationOnly, [], visibleOnly);
            Assert.Equal(elevation, elevationOnly);
            Assert.Equal(visible, visibleOnly);
            Assert.Contains(visible, v => v is > 0 and < 1);
        }
    }
}
