using Selene.Astro.Sites;

namespace Selene.Astro.Tests.Sites;

public class HorizonProfileTests
{
    [Theory]
    [InlineData(0.0, 2.0)]
    [InlineData(45.0, 3.0)]
    [InlineData(90.0, 4.0)]
    [InlineData(315.0, 3.0)]
    [InlineData(-45.0, 3.0)]
    public void Elevations_are_interpolated_and_wrap_around_north(double azimuth, double elevation)
    {
        var profile = new HorizonProfile([(0, 2), (90, 4), (270, 4)]);
        Assert.Equal(elevation, profile.ElevationDegrees(azimuth), 12);
    }

    public static TheoryData<string, (double, double)[]> Malformed => new()
    {
        { "an empty table", [] },
        { "azimuths out of order", [(90, 1), (45, 2)] },
        { "a repeated azimuth", [(90, 1), (90, 2)] },
        { "an azimuth of 360", [(0, 1), (360, 2)] },
        { "an elevation beyond 90", [(0, 91)] },
        { "a value that is not a number", [(double.NaN, 1)] },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_malformed_table_is_refused(string because, (double, double)[] points)
    {
        var error = Record.Exception(() => new HorizonProfile(points));
        Assert.True(error is ArgumentException, because);
    }

    [Theory]
    [InlineData(90.5, 0.0)]
    [InlineData(-91.0, 0.0)]
    [InlineData(0.0, 361.0)]
    public void Coordinates_out_of_range_are_refused(double latitude, double longitude) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SurfaceSite("bad", SiteKind.Moon, latitude, longitude));
}
