namespace Selene.Power.Thermal;

/// <summary>
/// A node's heat: every watt it draws becomes heat in a thermal mass, which a radiator sheds by Stefan–Boltzmann to
/// deep space (its view factor) and to the ground (the rest), the lunar surface being at its day or night
/// temperature by the Sun's elevation. Louvers over the radiator open with the temperature, its effective
/// emissivity going from <paramref name="ClosedEmissivity"/> at <paramref name="MinKelvin"/> to
/// <paramref name="Emissivity"/> at <paramref name="MaxKelvin"/>, so an idle node keeps its heat. Above
/// <paramref name="MaxKelvin"/> the GPUs are throttled to idle; below <paramref name="MinKelvin"/> a heater runs; both
/// until the temperature is <paramref name="HysteresisKelvin"/> back inside.
/// </summary>
/// <param name="HeatCapacityJoulesPerKelvin">Thermal mass of the node.</param>
/// <param name="RadiatorAreaSquareMetres">Radiating area.</param>
/// <param name="Emissivity">Radiator emissivity with the louvers open, 0 to 1.</param>
/// <param name="ViewFactorToSpace">Share of the radiator's view that is deep space, 0 to 1.</param>
/// <param name="MinKelvin">Lowest allowed temperature.</param>
/// <param name="MaxKelvin">Highest allowed temperature.</param>
/// <param name="HeaterWatts">The heater's draw.</param>
/// <param name="HysteresisKelvin">How far back inside a limit the temperature must come before the response stops.</param>
/// <param name="InitialKelvin">Temperature at the start.</param>
/// <param name="ClosedEmissivity">Effective emissivity with the louvers closed (typical louvers: 0.1 closed, 0.7 open).</param>
public sealed record ThermalSpec(
    double HeatCapacityJoulesPerKelvin,
    double RadiatorAreaSquareMetres,
    double Emissivity,
    double ViewFactorToSpace,
    double MinKelvin,
    double MaxKelvin,
    double HeaterWatts,
    double HysteresisKelvin = 5,
    double InitialKelvin = 293.15,
    double ClosedEmissivity = 0.1)
{
    /// <summary>
    /// Selene's default node: a few hundred kilograms of electronics and structure (400 kJ/K), an optically coated
    /// radiator (ε 0.9) under louvers seeing 80% sky, kept between −10 °C and 85 °C with a 500 W heater.
    /// </summary>
    public static ThermalSpec Node(double radiatorSquareMetres = 16) => new(400_000, radiatorSquareMetres, 0.9, 0.8, 263.15, 358.15, 500);

    /// <summary>Deep space, K.</summary>
    public const double SpaceKelvin = 3;

    /// <summary>Lunar surface at night, K (−173 °C at the equator; shared/reference/space-anchors.md, temperatures).</summary>
    public const double LunarNightKelvin = 100;

    /// <summary>Lunar surface under the overhead Sun, K (+121 °C; same source).</summary>
    public const double LunarNoonKelvin = 394;

    /// <summary>The ground's temperature with the Sun at <paramref name="elevationDegrees"/>: radiative equilibrium, sin(elevation)^¼ of the way from night to noon.</summary>
    public static double SurfaceKelvin(double elevationDegrees) =>
        elevationDegrees <= 0 ? LunarNightKelvin
            : LunarNightKelvin + ((LunarNoonKelvin - LunarNightKelvin) * Math.Sqrt(Math.Sqrt(Math.Sin(elevationDegrees * Math.PI / 180))));

    /// <summary>Heat the radiator sheds at <paramref name="kelvin"/> with the ground at <paramref name="surfaceKelvin"/>, W.</summary>
    public double RadiatedWatts(double kelvin, double surfaceKelvin)
    {
        var t4 = kelvin * kelvin * kelvin * kelvin;
        var space4 = SpaceKelvin * SpaceKelvin * SpaceKelvin * SpaceKelvin;
        var ground4 = surfaceKelvin * surfaceKelvin * surfaceKelvin * surfaceKelvin;
        var open = Math.Clamp((kelvin - MinKelvin) / (MaxKelvin - MinKelvin), 0, 1);
        var emissivity = ClosedEmissivity + ((Emissivity - ClosedEmissivity) * open);
        return emissivity * Solar.SolarArraySpec.StefanBoltzmann * RadiatorAreaSquareMetres
            * ((ViewFactorToSpace * (t4 - space4)) + ((1 - ViewFactorToSpace) * (t4 - ground4)));
    }
}
