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
