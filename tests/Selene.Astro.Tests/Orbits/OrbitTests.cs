using Selene.Astro.Bodies;
using Selene.Astro.Links;
using Selene.Astro.Orbits;
using Selene.Astro.Sites;
using Selene.Astro.Time;

namespace Selene.Astro.Tests.Orbits;

public class OrbitTests
{
    private static readonly DateTime s_epoch = new(2027, 3, 20, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_400_km_circular_orbit_has_Keplers_period_and_returns_to_its_start()
    {
        // T = 2π √(a³/μ) with a = 6778.137 km: 5553.6 s, 92.56 minutes.
        var orbit = KeplerianOrbit.Circular(400, 51.6, 30, 0, s_epoch);
        Assert.Equal(5553.6, orbit.PeriodSeconds, 0);
        var start = AstroTime.FromUtc(s_epoch);
        var here = orbit.PositionJ2000(start);
        var again = orbit.PositionJ2000(start.AddSeconds(orbit.PeriodSeconds));
        Assert.True((here - again).Length < 0.01, $"{(here - again).Length} km apart");
        Assert.Equal(6778.137, here.Length, 6);
        // The inclination is the angle between the orbit normal and the equator's pole.
        var normal = here.Cross(orbit.PositionJ2000(start.AddSeconds(60))).Normalize();
        Assert.Equal(51.6, Math.Acos(normal.Z) * 180 / Math.PI, 6);
    }

    [Fact]
    public void An_eccentric_orbit_reaches_a_times_one_minus_e_at_perigee_and_one_plus_e_at_apogee()
    {
        var orbit = new KeplerianOrbit(26_600, 0.74, 63.4, 0, 270, 0, s_epoch); // a Molniya orbit
        var start = AstroTime.FromUtc(s_epoch);
        Assert.Equal(26_600 * 0.26, orbit.PositionJ2000(start).Length, 6);
        Assert.Equal(26_600 * 1.74, orbit.PositionJ2000(start.AddSeconds(orbit.PeriodSeconds / 2)).Length, 3);
    }

    [Fact]
    public void Light_time_from_geostationary_orbit_to_the_station_below_is_the_altitude_over_c()
    {
        // A station on the equator under the satellite: (42 164 − 6378) km / c ≈ 0.1194 s.
        var start = AstroTime.FromUtc(s_epoch);
        var station = new SurfaceSite("equator", SiteKind.Earth, 0, 0);
        var below = station.PositionJ2000(start);
        var raan = Math.Atan2(below.Y, below.X) * 180 / Math.PI;
        var geo = KeplerianOrbit.Circular(42_164.17 - 6378.137, 0, raan, 0, s_epoch);
        var seconds = LightTime.Seconds(geo.PositionJ2000, station.PositionJ2000, start);
        Assert.Equal((42_164.17 - 6378.137) / LightTime.SpeedOfLightKmPerSecond, seconds, 4);
    }

    [Fact]
    public void Near_an_equinox_an_equatorial_low_orbit_spends_39_percent_of_each_orbit_in_shadow()
    {
        // With the Sun in the orbit plane the cylindrical shadow covers acos(√(h² + 2Rh)/(R + h))/π of the orbit:
        // 0.390 at h = 400 km. The conical umbra is a little shorter, plus penumbra.
        var orbit = KeplerianOrbit.Circular(400, 0, 0, 0, s_epoch);
        var start = AstroTime.FromUtc(s_epoch);
        var samples = Enumerable.Range(0, 5554).Select(s => start.AddSeconds(s)).ToList();
        var inCylinder = samples.Count(t => EarthShadow.InCylindricalShadow(orbit.PositionJ2000(t), Sun.GeocentricJ2000(t.CenturiesTt))) / (double)samples.Count;
        var dark = samples.Average(t => 1 - EarthShadow.SunlitFraction(orbit.PositionJ2000(t), Sun.GeocentricJ2000(t.CenturiesTt)));
        Assert.InRange(inCylinder, 0.385, 0.395);
        Assert.InRange(dark, 0.375, 0.395);
    }

    [Fact]
    public void Geostationary_orbit_has_eclipses_of_about_70_minutes_at_equinox_and_none_at_solstice()
    {
        static double DarkMinutes(DateTime day)
        {
            var orbit = KeplerianOrbit.Circular(42_164.17 - 6378.137, 0, 0, 0, day);
            var start = AstroTime.FromUtc(day);
            return Enumerable.Range(0, 1440).Sum(m =>
            {
                var t = start.AddSeconds(m * 60.0);
                return 1 - EarthShadow.SunlitFraction(orbit.PositionJ2000(t), Sun.GeocentricJ2000(t.CenturiesTt));
            });
        }

        Assert.InRange(DarkMinutes(new DateTime(2027, 3, 21, 0, 0, 0, DateTimeKind.Utc)), 65, 75);
        Assert.Equal(0, DarkMinutes(new DateTime(2027, 6, 21, 0, 0, 0, DateTimeKind.Utc)));
    }

    [Theory]
    [InlineData(6000.0, 0.0, 0.0)]
    [InlineData(7000.0, 1.0, 0.0)]
    [InlineData(7000.0, 0.1, 181.0)]
    public void Orbits_that_hit_the_Earth_or_are_not_ellipses_are_refused(double a, double e, double inclination) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new KeplerianOrbit(a, e, inclination, 0, 0, 0, s_epoch));
}
