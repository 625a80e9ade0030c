using Selene.Astro.Bodies;
using Selene.Astro.Links;
using Selene.Astro.Sites;
using Selene.Astro.Time;

namespace Selene.Astro.Tests.Links;

public class LinkTests
{
    private static readonly SurfaceSite s_goldstone = new("goldstone", SiteKind.Earth, 35.43, -116.89, 1.0);
    private static readonly SurfaceSite s_madrid = new("madrid", SiteKind.Earth, 40.43, -4.25, 0.8);
    private static readonly SurfaceSite s_canberra = new("canberra", SiteKind.Earth, -35.40, 148.98, 0.7);
    private static readonly SurfaceSite s_nearSide = new("sinus-medii", SiteKind.Moon, 0, 0);

    private static IEnumerable<AstroTime> Steps(DateTime from, double days, double stepSeconds)
    {
        var start = AstroTime.FromUtc(from);
        for (var s = 0.0; s < days * 86400; s += stepSeconds)
        {
            yield return start.AddSeconds(s);
        }
    }

    [Fact]
    public void Surface_to_surface_light_time_differs_from_centre_to_centre_by_at_most_the_two_radii_over_c()
    {
        var bound = (SurfaceSite.Wgs84EquatorialRadiusKm + Moon.MeanRadiusKm) / LightTime.SpeedOfLightKmPerSecond;
        var shackleton = new SurfaceSite("shackleton-rim", SiteKind.Moon, -88.74, 124.5);
        foreach (var time in Steps(new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc), 30, 3 * 3600))
        {
            var centre = LightTime.MoonToEarthCentreSeconds(time);
            Assert.InRange(centre, 1.18, 1.37);
            foreach (var station in new[] { s_goldstone, s_madrid, s_canberra })
            {
                foreach (var site in new[] { s_nearSide, shackleton })
                {
                    Assert.InRange(LightTime.Seconds(site, station, time) - centre, -bound, bound);
                }
            }
        }
    }

    [Fact]
    public void The_light_time_equation_accounts_for_the_receivers_motion_during_flight()
    {
        // Solved against a receiver on the rotating Earth, the light time differs from the instantaneous distance
        // over c by up to v·τ/c ≈ 0.46 km/s × 1.3 s / c ≈ 2 µs.
        var time = AstroTime.FromUtc(new DateTime(2027, 6, 1, 0, 0, 0, DateTimeKind.Utc));
        var solved = LightTime.Seconds(s_nearSide, s_madrid, time);
        var instantaneous = (s_madrid.PositionJ2000(time) - s_nearSide.PositionJ2000(time)).Length / LightTime.SpeedOfLightKmPerSecond;
        Assert.NotEqual(instantaneous, solved);
        Assert.InRange(Math.Abs(solved - instantaneous), 1e-9, 1e-4);
    }

    [Fact]
    public void Three_stations_120_degrees_apart_keep_a_near_side_site_linked_over_95_percent_of_the_time_one_station_30_to_60()
    {
        var network = new GroundNetwork([s_goldstone, s_madrid, s_canberra]);
        var single = new GroundNetwork([s_madrid]);
        var samples = Steps(new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc), 60, 1800).ToList();

        var networkUp = samples.Count(t => network.LinkAt(s_nearSide, t).Up) / (double)samples.Count;
        var singleUp = samples.Count(t => single.LinkAt(s_nearSide, t).Up) / (double)samples.Count;

        Assert.True(networkUp > 0.95, $"network availability {networkUp:P1}");
        Assert.InRange(singleUp, 0.30, 0.60);
    }

    [Fact]
    public void A_far_side_site_never_sees_the_Earth()
    {
        var farSide = new SurfaceSite("far-side", SiteKind.Moon, 0, 180);
        var network = new GroundNetwork([s_goldstone, s_madrid, s_canberra]);
        foreach (var time in Steps(new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc), 60, 6 * 3600))
        {
            var link = network.LinkAt(farSide, time);
            Assert.False(link.Up);
            Assert.True(link.EarthElevationDegrees < -75, $"{link.EarthElevationDegrees}");
        }
    }

    [Fact]
    public void From_the_south_pole_the_Earth_stays_low_and_rises_and_sets_with_libration()
    {
        var pole = new SurfaceSite("south-pole", SiteKind.Moon, -90, 0);
        var network = new GroundNetwork([s_madrid]);
        var elevations = Steps(new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc), 60, 3600)
            .Select(t => network.LinkAt(pole, t).EarthElevationDegrees).ToList();
        Assert.All(elevations, e => Assert.InRange(e, -8, 8));
        Assert.Contains(elevations, e => e > 0);
        Assert.Contains(elevations, e => e < 0);
    }
}
