using Selene.Astro.Links;
using Selene.Astro.Orbits;

namespace Selene.Simulation.Scenarios;

/// <summary>A relay satellite in lunar orbit that carries lunar sites' traffic to Earth stations.</summary>
/// <param name="Name">Relay name, unique among sites, stations and relays.</param>
/// <param name="Orbit">Its orbit about the Moon.</param>
/// <param name="Radios">Its radios.</param>
public sealed record RelaySpec(string Name, LunarOrbit Orbit, IReadOnlyList<RadioTerminal> Radios);
