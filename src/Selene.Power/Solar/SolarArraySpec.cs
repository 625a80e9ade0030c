namespace Selene.Power.Solar;

/// <summary>
/// A solar array: electrical output = area × cell efficiency × sunlight on the array, derated for age (degradation
/// and, on the Moon, dust, both per year of service) and for cell temperature (the temperature coefficient per kelvin
/// from 25 °C). The cells reach radiative equilibrium with the sunlight they absorb, front and back radiating.
/// </summary>
/// <param name="AreaSquareMetres">Cell area.</param>
/// <param name="CellEfficiency">Conversion efficiency at 25 °C, 0 to 1.</param>
/// <param name="DegradationPerYear">Fraction of output lost per year of service (radiation, UV).</param>
/// <param name="DustLossPerYear">Fraction of output lost per year to settling dust.</param>
/// <param name="TemperatureCoefficientPerKelvin">Relative change of efficiency per kelvin above 25 °C (negative).</param>
/// <param name="Mount">How the array is pointed.</param>
/// <param name="AzimuthDegrees">The direction a vertical array faces, degrees from north through east.</param>
public sealed record SolarArraySpec(
    double AreaSquareMetres,
    double CellEfficiency,
    double DegradationPerYear,
    double DustLossPerYear,
    double TemperatureCoefficientPerKelvin,
    ArrayMount Mount,
    double AzimuthDegrees = 0)
{
    /// <summary>Solar irradiance at 1 AU, W/m² (the total solar irradiance, Kopp and Lean 2011).</summary>
    public const double SolarConstant = 1361;

    /// <summary>Stefan–Boltzmann constant, W/(m²·K⁴) (CODATA 2018, exact).</summary>
    public const double StefanBoltzmann = 5.670374419e-8;

    private const double ReferenceKelvin = 298.15;
    private const double CellAbsorptance = 0.9;
    private const double CellEmissivity = 0.85;

    /// <summary>
    /// Electrical output in watts with the Sun at <paramref name="elevationDegrees"/> and <paramref name="azimuthDegrees"/>,
    /// <paramref name="visibleFraction"/> of its disk above the horizon, <paramref name="distanceAu"/> away, after
    /// <paramref name="years"/> of service.
    /// </summary>
    public double ElectricalWatts(double elevationDegrees, double azimuthDegrees, double visibleFraction, double distanceAu, double years)
    {
        var incidence = Incidence(elevationDegrees, azimuthDegrees);
        var irradiance = SolarConstant / (distanceAu * distanceAu) * incidence * visibleFraction;
        if (!(irradiance > 0))
        {
            return 0;
        }

        var cellKelvin = Math.Sqrt(Math.Sqrt((CellAbsorptance - CellEfficiency) * irradiance / (2 * CellEmissivity * StefanBoltzmann)));
        var temperatureFactor = Math.Max(0, 1 + (TemperatureCoefficientPerKelvin * (cellKelvin - ReferenceKelvin)));
        var age = Math.Max(0, 1 - (DegradationPerYear * years)) * Math.Max(0, 1 - (DustLossPerYear * years));
        return AreaSquareMetres * CellEfficiency * irradiance * temperatureFactor * age;
    }

    /// <summary>The cosine of the angle between the Sun and the array's normal, 0 when the Sun is behind it.</summary>
    public double Incidence(double elevationDegrees, double azimuthDegrees)
    {
        return Mount switch
        {
            ArrayMount.Horizontal => Math.Max(0, Math.Sin(elevationDegrees * Math.PI / 180)),
            ArrayMount.Vertical => Math.Max(0, Math.Cos(elevationDegrees * Math.PI / 180) * Math.Cos((azimuthDegrees - AzimuthDegrees) * Math.PI / 180)),
            _ => 1,
        };
    }
}
