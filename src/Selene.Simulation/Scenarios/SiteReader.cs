using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Selene.Simulation.Scenarios;

/// <summary>Reads where a scenario's work runs and how it is reached: sites, ground stations and the link.</summary>
internal static class SiteReader
{
    /// <summary>Reads a site or a ground station (<paramref name="station"/>): its location, orbit or surface position, mask and horizon.</summary>
    public static SiteSpec ReadSite(YamlFields fields, bool station, DateTimeOffset epoch)
    {
        var name = fields.String("name", required: true) ?? "";
        var location = station ? SiteLocation.Earth : fields.Enum<SiteLocation>("location", required: true) ?? SiteLocation.Earth;
        if (location == SiteLocation.Orbit)
        {
            var orbitSite = new SiteSpec(name, location, 0, 0) { Orbit = ReadOrbit(fields.Map("orbit", required: true), epoch) };
            fields.RejectUnknown();
            return orbitSite;
        }

        var site = new SiteSpec(
            name,
            location,
            fields.Number("latitude", -90, 90, required: true) ?? 0,
            fields.Number("longitude", -180, 360, required: true) ?? 0)
        {
            HeightKm = fields.Number("heightKm", -12, 12) ?? 0,
            ElevationMaskDegrees = fields.Number("elevationMask", -5, 89),
            Horizon = ReadHorizon(fields),
            Radios = RadioReader.Read(fields, "radios", ground: station),
        };
        fields.RejectUnknown();
        return site;
    }

    /// <summary>
    /// An orbit: <c>altitudeKm</c> (circular) or <c>semiMajorAxisKm</c> with <c>eccentricity</c>; angles in degrees,
    /// <c>inclination</c>, <c>raan</c>, <c>argumentOfPerigee</c>, <c>meanAnomaly</c> at the scenario's epoch.
    /// </summary>
    private static Selene.Astro.Orbits.KeplerianOrbit? ReadOrbit(YamlFields? fields, DateTimeOffset epoch)
    {
        if (fields is null)
        {
            return null;
        }

        var altitude = fields.Number("altitudeKm", 100, 500_000);
        var semiMajorAxis = fields.Number("semiMajorAxisKm", 6478, 500_000);
        var eccentricity = fields.Number("eccentricity", 0, 0.99) ?? 0;
        var inclination = fields.Number("inclination", 0, 180, required: true) ?? 0;
        var raan = fields.Number("raan", -360, 360) ?? 0;
        var perigee = fields.Number("argumentOfPerigee", -360, 360) ?? 0;
        var meanAnomaly = fields.Number("meanAnomaly", -360, 360) ?? 0;
        fields.RejectUnknown();
        if ((altitude is null) == (semiMajorAxis is null))
        {
            fields.ErrorAt(fields.Node, fields.Path, "give either altitudeKm (a circular orbit) or semiMajorAxisKm");
            return null;
        }

        var a = semiMajorAxis ?? (Selene.Astro.Sites.SurfaceSite.Wgs84EquatorialRadiusKm + altitude!.Value);
        if (a * (1 - eccentricity) <= Selene.Astro.Sites.SurfaceSite.Wgs84EquatorialRadiusKm + 100)
        {
            fields.ErrorAt(fields.Node, fields.Path, "the perigee must be at least 100 km above the Earth");
            return null;
        }

        return new Selene.Astro.Orbits.KeplerianOrbit(a, eccentricity, inclination, raan, perigee, meanAnomaly, epoch.UtcDateTime);
    }

    /// <summary>A horizon profile: a list of [azimuth, elevation] pairs in degrees, azimuths increasing.</summary>
    private static List<(double, double)>? ReadHorizon(YamlFields fields)
    {
        var node = fields.Raw("horizon");
        if (node is null)
        {
            return null;
        }

        var field = fields.FieldPath("horizon");
        if (node is not YamlSequenceNode rows)
        {
            fields.ErrorAt(node, field, "expected a list of [azimuth, elevation] pairs in degrees");
            return null;
        }

        var points = new List<(double, double)>();
        var index = 0;
        foreach (var row in rows.Children)
        {
            var values = (row as YamlSequenceNode)?.Children.OfType<YamlScalarNode>()
                .Select(v => double.TryParse(v.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) ? x : double.NaN)
                .ToList();
            if (values is not { Count: 2 } || values.Any(double.IsNaN))
            {
                fields.ErrorAt(row, $"{field}[{index}]", "expected [azimuth, elevation], two numbers in degrees");
                return null;
            }

            points.Add((values[0], values[1]));
            index++;
        }

        try
        {
            _ = new Selene.Astro.Sites.HorizonProfile(points);
            return points;
        }
        catch (ArgumentException e)
        {
            fields.ErrorAt(node, field, e.Message.Split(" (Parameter", 2)[0]);
            return null;
        }
    }

    /// <summary>Reads <c>link</c>: bandwidth, losses, retransmission timer and an optional fixed delay.</summary>
    public static LinkSpec? ReadLink(YamlFields? fields)
    {
        if (fields is null)
        {
            return null;
        }

        var fixedDelay = fields.Duration("oneWayDelay", max: 60);
        var delay = fixedDelay ?? LinkSpec.NominalDelaySeconds;
        var link = new LinkSpec(
            fields.String("name", required: true) ?? "",
            delay,
            (fields.Number("bandwidthMbps", 0, required: true, minExclusive: true) ?? 1) * 1e6,
            fields.Number("lossProbability", 0, 0.5) ?? 0,
            fields.Duration("retransmitTimeout") ?? ((2 * delay) + 0.5))
        {
            FollowsEphemeris = fixedDelay is null && !fields.Has("oneWayDelay"),
        };
        fields.RejectUnknown();
        return link;
    }

    // power: {policy, sites: [{site, arrayM2, cellEfficiency, mount, azimuth, degradationPerYear, dustPerYear,
    // temperatureCoefficient, storage: {kind, kWh, cryocoolerW}, baseW, reserve, radiatorM2}]}.
    // The review loop: defaults are this machine's measured filter cost (PDQ decode and hash 5.2 ms plus a ResNet18
    // encoder 22.5 ms per image, one core) and assumptions to override.
}
