using Selene.Astro.Bodies;
using Selene.Astro.Frames;
using Selene.Astro.Geometry;
using Selene.Astro.Orbits;
using Selene.Astro.Time;

namespace Selene.Astro.Tests.Orbits;

/// <summary>
/// Relays about the Moon. The 12-hour ELFO is the ION NAVIGATION lunar constellation's case A (a 6,143 km, e 0.6,
/// i 51.7°, ω 90°, lunar orbital plane frame; navi.ion.org/highwire/markup/10227), as collected in
/// lunar-comms-anchors.md §2(b).
/// </summary>
public class LunarOrbitTests
{
    private static readonly DateTime s_epoch = new(2027, 1, 11, 0, 0, 0, DateTimeKind.Utc);

    private static LunarOrbit Elfo(LunarFrame frame = LunarFrame.MoonEquator, bool j2 = false, double meanAnomaly = 0) =>
        new(6143, 0.6, 51.7, 0, 90, meanAnomaly, s_epoch, frame, j2);

    [Fact]
    public void The_12_hour_elfo_has_a_12_hour_period_and_its_apolune_over_the_south()
    {
        var orbit = Elfo();
        Assert.True(Math.Abs((orbit.PeriodSeconds / 3600) - 12.0) < 0.012, $"period {orbit.PeriodSeconds / 3600:F4} h");
        Assert.Equal(720, orbit.PeriapsisAltitudeKm, 0);
        Assert.Equal(8091, orbit.ApoapsisAltitudeKm, 0);

        // Half a period on, the relay is at apolune, a(1 + e) from the Moon, as far south as the orbit goes (latitude −i).
        var apolune = orbit.PositionInFrame(orbit.PeriodSeconds / 2);
        Assert.Equal(6143 * 1.6, apolune.Length, 6);
        Assert.Equal(-51.7, Math.Asin(apolune.Z / apolune.Length) / Angles.Degree, 9);
        for (var t = 0.0; t < orbit.PeriodSeconds; t += 600)
        {
            Assert.True(orbit.PositionInFrame(t).Z >= apolune.Z - 1e-9);
        }

        // Seen from a south-pole site, the relay at apolune stands high in the sky.
        var at = AstroTime.FromUtc(s_epoch.AddSeconds(orbit.PeriodSeconds / 2));
        var pole = new Astro.Sites.SurfaceSite("pole", Astro.Sites.SiteKind.Moon, -89.9, 0).FrameJ2000(at);
        Assert.True(pole.ElevationDegrees(orbit.PositionJ2000(at)) > 30);
    }

    [Theory]
    [InlineData(LunarFrame.MoonEquator)]
    [InlineData(LunarFrame.MoonOrbitPlane)]
    public void Positions_agree_with_an_independent_two_body_integration_to_a_metre_over_a_day(LunarFrame frame)
    {
        var orbit = Elfo(frame, meanAnomaly: 30);
        // The state at the epoch from the elements, by the perifocal formulas with the true anomaly (not the propagator's path).
        var (r, v) = StateFromElements(6143, 0.6, 51.7, 0, 90, 30);
        const double step = 1.0;
        var worst = 0.0;
        for (var t = 0; t <= 86_400; t++)
        {
            if (t % 3600 == 0)
            {
                worst = Math.Max(worst, (orbit.PositionInFrame(t) - r).Length * 1000);
            }

            (r, v) = Rk4(r, v, step);
        }

        Assert.True(worst < 1, $"{worst:F4} m apart");
    }

    [Fact]
    public void With_j2_the_node_regresses_at_the_secular_rate()
    {
        var orbit = Elfo(j2: true);
        // dΩ/dt = −3/2 n J2 (R/p)² cos i (Vallado eq. 9-41).
        var n = Math.Sqrt(LunarOrbit.MoonMu / Math.Pow(6143, 3));
        var p = 6143 * (1 - 0.36);
        var rate = -1.5 * n * LunarOrbit.MoonJ2 * Math.Pow(LunarOrbit.J2ReferenceRadiusKm / p, 2) * Math.Cos(51.7 * Angles.Degree);
        // Where the relay next crosses the frame's equator northward (found by bisection on z), its direction is the node's.
        double low = 30 * 86_400, high = low;
        while (!(orbit.PositionInFrame(low).Z < 0 && orbit.PositionInFrame(high).Z >= 0 && high - low < 1e-6))
        {
            if (orbit.PositionInFrame(low).Z >= 0 || orbit.PositionInFrame(high).Z < 0 || high == low)
            {
                low = high;
                high += 600;
                continue;
            }

            var mid = (low + high) / 2;
            (low, high) = orbit.PositionInFrame(mid).Z < 0 ? (mid, high) : (low, mid);
        }

        var crossing = orbit.PositionInFrame(high);
        var node = Math.Atan2(crossing.Y, crossing.X);
        Assert.Equal(rate * high, node, 6);
        Assert.True(rate * high / Angles.Degree < -0.5, "a month of the Moon's J2 moves the node by a visible amount");
        var normal = crossing.Cross(orbit.PositionInFrame(high + 1)).Normalize();
        Assert.Equal(51.7, Math.Acos(normal.Z) / Angles.Degree, 2);
    }

    [Fact]
    public void The_frames_are_the_moons_equator_and_its_orbital_plane_of_epoch()
    {
        var at = AstroTime.FromUtc(s_epoch);
        var equator = Elfo().FrameToJ2000Rotation.Apply(new Vector3D(0, 0, 1));
        var pole = MoonOrientation.BodyFixedToJ2000(at.JulianDateTt).Apply(new Vector3D(0, 0, 1));
        Assert.True((equator - pole).Length < 1e-12);

        var plane = Elfo(LunarFrame.MoonOrbitPlane).FrameToJ2000Rotation.Apply(new Vector3D(0, 0, 1));
        var moon = Moon.GeocentricJ2000(at.CenturiesTt);
        Assert.True(Math.Abs(plane.Dot(moon.Normalize())) < 1e-6);
        // The Moon's orbit is inclined about 5° to the ecliptic, 18–29° to the Earth's equator, and its pole leans toward its equator's by 6.7°.
        Assert.InRange(Math.Acos(plane.Z) / Angles.Degree, 18, 29);
        Assert.InRange(Math.Acos(plane.Dot(pole)) / Angles.Degree, 6.5, 6.9);
    }

    [Fact]
    public void A_walker_shorthand_spreads_planes_in_node_and_satellites_in_anomaly()
    {
        // LNCSS case A: 8 satellites, RAAN {0, 180}, M {0, 90, 180, 270}.
        var orbits = Elfo().Walker(8, 2, 0);
        Assert.Equal([0, 0, 0, 0, 180, 180, 180, 180], orbits.Select(o => o.RaanDegrees));
        Assert.Equal([0, 90, 180, 270, 0, 90, 180, 270], orbits.Select(o => o.MeanAnomalyDegrees));
        Assert.Equal([0, 90, 180, 270, 45, 135, 225, 315], Elfo().Walker(8, 2, 1).Select(o => o.MeanAnomalyDegrees));
        Assert.Throws<ArgumentOutOfRangeException>(() => Elfo().Walker(8, 3, 0));
    }

    [Theory]
    [InlineData(1000, 0.0, "below its surface")]
    [InlineData(6143, 1.0, "eccentricity")]
    [InlineData(4000, 0.6, "below its surface")]
    public void Impossible_orbits_are_refused(double a, double e, string message)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new LunarOrbit(a, e, 50, 0, 0, 0, s_epoch));
        Assert.Contains(message, error.Message);
    }

    private static (Vector3D R, Vector3D V) StateFromElements(double a, double e, double i, double raan, double argp, double meanAnomalyDegrees)
    {
        // Mean → true anomaly by a fixed-point series on E, independent of the Newton solver under test.
        var m = meanAnomalyDegrees * Angles.Degree;
        var eccentric = m;
        for (var k = 0; k < 200; k++)
        {
            eccentric = m + (e * Math.Sin(eccentric));
        }

        var nu = 2 * Math.Atan2(Math.Sqrt(1 + e) * Math.Sin(eccentric / 2), Math.Sqrt(1 - e) * Math.Cos(eccentric / 2));
        var p = a * (1 - (e * e));
        var radius = p / (1 + (e * Math.Cos(nu)));
        var rPqw = new Vector3D(radius * Math.Cos(nu), radius * Math.Sin(nu), 0);
        var speed = Math.Sqrt(LunarOrbit.MoonMu / p);
        var vPqw = new Vector3D(-speed * Math.Sin(nu), speed * (e + Math.Cos(nu)), 0);
        var rotate = Rotation.AboutZ(-raan * Angles.Degree) * Rotation.AboutX(-i * Angles.Degree) * Rotation.AboutZ(-argp * Angles.Degree);
        return (rotate.Apply(rPqw), rotate.Apply(vPqw));
    }

    private static (Vector3D R, Vector3D V) Rk4(Vector3D r, Vector3D v, double h)
    {
        static Vector3D Gravity(Vector3D r) => r * (-LunarOrbit.MoonMu / Math.Pow(r.Length, 3));
        var k1r = v;
        var k1v = Gravity(r);
        var k2r = v + (k1v * (h / 2));
        var k2v = Gravity(r + (k1r * (h / 2)));
        var k3r = v + (k2v * (h / 2));
        var k3v = Gravity(r + (k2r * (h / 2)));
        var k4r = v + (k3v * h);
        var k4v = Gravity(r + (k3r * h));
        return (r + ((k1r + (2 * k2r) + (2 * k3r) + k4r) * (h / 6)), v + ((k1v + (2 * k2v) + (2 * k3v) + k4v) * (h / 6)));
    }
}
