using Selene.Astro.Bodies;
using Selene.Astro.Time;

namespace Selene.Astro.Tests.Bodies;

public class SunTests
{
    [Fact]
    public void Meeus_example_25a_is_reproduced()
    {
        // Meeus, example 25.a: 1992 October 13.0 TD = JDE 2448908.5: true geometric longitude ☉ = 199.90988°,
        // R = 0.99766 AU.
        var t = (2448908.5 - AstroTime.J2000) / AstroTime.DaysPerCentury;
        var sun = Sun.Ecliptic(t);
        // Meeus sums L0 = 201.80720° and C = −1.89732°, each printed to 1e-5°, so the sum is good to ±1e-5°.
        Assert.InRange(sun.LongitudeDegrees, 199.90988 - 1e-5, 199.90988 + 1e-5);
        Assert.Equal(0.99766, sun.DistanceKm / Sun.AstronomicalUnitKm, 5);
    }
}

public class FrameRotationTests
{
    [Theory]
    [InlineData(-1.0)]
    [InlineData(0.0)]
    [InlineData(0.27)]
    [InlineData(1.0)]
    public void Rotating_a_vector_step_by_step_equals_applying_the_composed_matrix(double centuries)
    {
        var v = new Selene.Astro.Geometry.Vector3D(384_000, -12_345, 20_000);
        var byMatrix = Selene.Astro.Frames.FrameRotations.EclipticOfDateToJ2000(centuries).Apply(v);
        var stepwise = Selene.Astro.Frames.FrameRotations.EclipticOfDateToJ2000(centuries, v);
        Assert.True((byMatrix - stepwise).Length < 1e-8, $"{byMatrix} vs {stepwise}");
    }

    [Fact]
    public void At_J2000_the_frames_differ_only_by_the_obliquity()
    {
        // The ecliptic pole is at declination 90° − 23.4392911°.
        var pole = Selene.Astro.Frames.FrameRotations.EclipticOfDateToJ2000(0, new Selene.Astro.Geometry.Vector3D(0, 0, 1));
        Assert.Equal(Math.Cos(23.4392911 * Math.PI / 180), pole.Z, 9);
        Assert.Equal(0, pole.X, 12);
    }
}

public class VectorTests
{
    [Fact]
    public void A_vector_prints_its_components()
    {
        Assert.Equal("(1, -2.5, 3)", new Selene.Astro.Geometry.Vector3D(1, -2.5, 3).ToString());
        Assert.Equal(1, new Selene.Astro.Geometry.Vector3D(3, 4, 12).Normalize().Length, 12);
    }
}
