using System.Globalization;
using Selene.Astro.Bodies;
using Selene.Astro.Orbits;

namespace Selene.Simulation.Scenarios;

/// <summary>
/// Reads <c>relays:</c>: satellites about the Moon, each with Keplerian elements in a lunar frame
/// (<c>frame: moon-equator</c> or <c>moon-orbit-plane</c>), the size given as <c>semiMajorAxisKm</c> with
/// <c>eccentricity</c> or as <c>periapsisAltitudeKm</c> and <c>apoapsisAltitudeKm</c>; angles in degrees
/// (<c>inclination</c>, <c>raan</c>, <c>argumentOfPeriapsis</c>, <c>meanAnomaly</c>) at <c>epoch</c> (default: the
/// scenario's); <c>j2: true</c> for the Moon's J2 drift; <c>walker: {count, planes, phasing}</c> for a constellation
/// built on the elements; and <c>radios</c>.
/// </summary>
internal static class RelayReader
{
    private static readonly Dictionary<string, LunarFrame> s_frames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["moon-equator"] = LunarFrame.MoonEquator,
        ["moon-orbit-plane"] = LunarFrame.MoonOrbitPlane,
    };

    /// <summary>The relays of the scenario's <c>relays:</c>, a Walker entry expanded to <c>NAME-1</c> … <c>NAME-T</c>.</summary>
    public static IReadOnlyList<RelaySpec> Read(YamlFields top, DateTimeOffset epoch)
    {
        var relays = new List<RelaySpec>();
        foreach (var fields in top.MapList("relays"))
        {
            relays.AddRange(ReadOne(fields, epoch));
        }

        return relays;
    }

    private static IEnumerable<RelaySpec> ReadOne(YamlFields fields, DateTimeOffset epoch)
    {
        var name = fields.String("name", required: true) ?? "";
        var frameName = fields.String("frame") ?? "moon-equator";
        if (!s_frames.TryGetValue(frameName, out var frame))
        {
            fields.Error("frame", $"no lunar frame '{frameName}'; expected one of {string.Join(", ", s_frames.Keys)}");
        }

        var a = fields.Number("semiMajorAxisKm", 0, 100_000, minExclusive: true);
        var e = fields.Number("eccentricity", 0, 1);
        var periapsis = fields.Number("periapsisAltitudeKm", -Moon.MeanRadiusKm, 100_000);
        var apoapsis = fields.Number("apoapsisAltitudeKm", -Moon.MeanRadiusKm, 100_000);
        var inclination = fields.Number("inclination", 0, 180, required: true) ?? 0;
        var raan = fields.Number("raan", -360, 360) ?? 0;
        var argument = fields.Number("argumentOfPeriapsis", -360, 360) ?? 0;
        var meanAnomaly = fields.Number("meanAnomaly", -360, 360) ?? 0;
        var elementsEpoch = ReadEpoch(fields) ?? epoch;
        var j2 = fields.String("j2") is { } j2Text && TenantReader.ReadBool(fields, "j2", j2Text);
        var walker = fields.Map("walker");
        var (count, planes, phasing) = (walker?.Integer("count", 1, 100, required: true), walker?.Integer("planes", 1, 100) ?? 1, walker?.Integer("phasing", 0, 99) ?? 0);
        walker?.RejectUnknown();
        var radios = RadioReader.Read(fields, "radios", ground: false);
        fields.RejectUnknown();

        if (e is >= 1)
        {
            fields.Error("eccentricity", string.Create(CultureInfo.InvariantCulture, $"{e} is not an ellipse: the eccentricity must be below 1"));
            yield break;
        }

        if (periapsis is not null || apoapsis is not null)
        {
            if (periapsis is null || apoapsis is null || a is not null || e is not null)
            {
                fields.Error(periapsis is null ? "apoapsisAltitudeKm" : "periapsisAltitudeKm",
                    "give periapsisAltitudeKm and apoapsisAltitudeKm together, or semiMajorAxisKm and eccentricity, not a mix");
                yield break;
            }

            var rp = Moon.MeanRadiusKm + periapsis.Value;
            var ra = Moon.MeanRadiusKm + apoapsis.Value;
            if (ra < rp)
            {
                fields.Error("apoapsisAltitudeKm", "the apoapsis must not be below the periapsis");
                yield break;
            }

            (a, e) = ((rp + ra) / 2, (ra - rp) / (ra + rp));
        }

        if (a is null)
        {
            fields.Error("semiMajorAxisKm", "missing required key 'semiMajorAxisKm' (or periapsisAltitudeKm and apoapsisAltitudeKm)");
            yield break;
        }

        var eccentricity = e ?? 0;
        if (a.Value * (1 - eccentricity) <= Moon.MeanRadiusKm)
        {
            fields.Error(periapsis is not null ? "periapsisAltitudeKm" : "semiMajorAxisKm", string.Create(CultureInfo.InvariantCulture,
                $"the periapsis, {a.Value * (1 - eccentricity):0.#} km from the Moon's centre, is below the lunar surface ({Moon.MeanRadiusKm} km)"));
            yield break;
        }

        if (!s_frames.ContainsKey(frameName) || name.Length == 0)
        {
            yield break;
        }

        var orbit = new LunarOrbit(a.Value, eccentricity, inclination, raan, argument, meanAnomaly, elementsEpoch.UtcDateTime, frame, j2);
        if (count is not { } total)
        {
            yield return new RelaySpec(name, orbit, radios);
            yield break;
        }

        if (total % planes != 0 || phasing >= planes)
        {
            walker!.Error("planes", $"a Walker constellation needs planes dividing count ({total}) and phasing below planes ({planes})");
            yield break;
        }

        var members = orbit.Walker((int)total, (int)planes, (int)phasing);
        for (var i = 0; i < members.Count; i++)
        {
            yield return new RelaySpec(string.Create(CultureInfo.InvariantCulture, $"{name}-{i + 1}"), members[i], radios);
        }
    }

    private static DateTimeOffset? ReadEpoch(YamlFields fields)
    {
        var text = fields.String("epoch");
        if (text is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var epoch))
        {
            return epoch;
        }

        fields.Error("epoch", $"expected a UTC instant such as 2027-01-11T00:00:00Z, got '{text}'");
        return null;
    }
}
