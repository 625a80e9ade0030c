namespace Selene.Simulation.Live;

/// <summary>A site's link to Earth now.</summary>
/// <param name="Up">True when a ground station sees the site.</param>
/// <param name="LightTimeSeconds">One-way light time now.</param>
public sealed record LinkNow(bool Up, double LightTimeSeconds);
